/** Ids of PractitionerRole resources (one role per provider): the PROVIDER row key (see common/id-scheme.ts). */
import { plainIds } from '../common/id-scheme.js';

/** `<PROV_ID>`. */
export const PRACTITIONER_ROLE_IDS = plainIds();
