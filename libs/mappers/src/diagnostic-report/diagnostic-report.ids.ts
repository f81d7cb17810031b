/** Ids of laboratory DiagnosticReport resources: the LAB_ORDER row key (see common/id-scheme.ts). */
import { plainIds } from '../common/id-scheme.js';

/** `<ORDER_ID>`. */
export const DIAGNOSTIC_REPORT_IDS = plainIds();
