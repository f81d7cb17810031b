/** Ids of RelatedPerson resources (see common/id-scheme.ts): one scheme per table, distinct prefixes. */
import { compositeIds, prefixedIds } from '../common/id-scheme.js';

/** PAT_CONTACT: `contact-<CONTACT_ID>`. */
export const RELATED_PERSON_CONTACT_IDS = prefixedIds('contact');

/**
 * PORTAL_PROXY, whose primary key is (PORTAL_ID, PAT_ID): `proxy-<PORTAL_ID>-<PAT_ID>`. Only surrogate numbers:
 * the portal account's number (never its user name or email) and the chart the grant is for (already the
 * patient's own id); stable as long as the grant exists, and one id per grant.
 */
export const RELATED_PERSON_PROXY_IDS = compositeIds('proxy', 2);
