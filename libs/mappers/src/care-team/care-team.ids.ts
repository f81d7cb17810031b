/** Ids of CareTeam resources: one care team per patient, keyed by PAT_ID (see common/id-scheme.ts). */
import { plainIds } from '../common/id-scheme.js';

/** `<PAT_ID>`: the CARE_TEAM_MEMBER rows of that chart. */
export const CARE_TEAM_IDS = plainIds();
