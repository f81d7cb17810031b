/** Ids of Device resources: the IMPLANT row key (see common/id-scheme.ts). */
import { plainIds } from '../common/id-scheme.js';

/** `<IMPLANT_ID>`. */
export const DEVICE_IDS = plainIds();
