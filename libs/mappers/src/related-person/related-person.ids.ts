/** Ids of RelatedPerson resources made from PAT_CONTACT rows (see common/id-scheme.ts). */
import { prefixedIds } from '../common/id-scheme.js';

/** `contact-<CONTACT_ID>`; portal proxies (`proxy-<PORTAL_ID>-<PAT_ID>`, a two-column key) are formatted by the mapper. */
export const RELATED_PERSON_CONTACT_IDS = prefixedIds('contact');
