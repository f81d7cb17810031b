import type { LegacyPatContact, LegacyPatient, LegacyPortalAccount, LegacyPortalProxy } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { CONTACT_RELATION } from '../common/code-maps.js';
import { address, email, humanName, phone, present } from '../common/contact-builders.js';
import type { Coding, FhirResource } from '../common/fhir-types.js';
import { compact, isYes } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { SYSTEM } from '../common/systems.js';
import { toDate, toInstant } from '../common/time.js';
import { keyParts } from '../common/id-scheme.js';
import { RELATED_PERSON_CONTACT_IDS, RELATED_PERSON_PROXY_IDS } from './related-person.ids.js';

/** US Core 6.1.0 RelatedPerson profile canonical. */
export const RELATED_PERSON_PROFILE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-relatedperson|6.1.0';

export type RelatedPerson = FhirResource & { resourceType: 'RelatedPerson' };

/** What a RelatedPerson id points at: a PAT_CONTACT row, or a PORTAL_PROXY row (portal account + patient). */
export type RelatedPersonKey = { table: 'PAT_CONTACT'; contactId: number } | { table: 'PORTAL_PROXY'; portalId: number; patId: number };

/** RelatedPerson ids: `contact-<CONTACT_ID>` for PAT_CONTACT, `proxy-<PORTAL_ID>-<PAT_ID>` for PORTAL_PROXY. */
export const relatedPersonId = {
  contact: (contactId: number): string => RELATED_PERSON_CONTACT_IDS.format(contactId),
  proxy: (portalId: number, patId: number): string => RELATED_PERSON_PROXY_IDS.formatParts(portalId, patId),
};

/** Parses a RelatedPerson id back to its row; `undefined` for an id this facade never produces. */
export function parseRelatedPersonId(id: string): RelatedPersonKey | undefined {
  const contact = RELATED_PERSON_CONTACT_IDS.parse(id);
  if (contact) return { table: 'PAT_CONTACT', contactId: contact.key };
  const proxy = RELATED_PERSON_PROXY_IDS.parse(id);
  if (!proxy) return undefined;
  const [portalId, patId] = keyParts(proxy.key);
  return { table: 'PORTAL_PROXY', portalId, patId };
}

const EMERGENCY: Coding = { system: SYSTEM.v2ContactRole, code: 'C', display: 'Emergency Contact' };
const GUARDIAN: Coding = { system: SYSTEM.v3RoleCode, code: 'GUARD', display: 'guardian' };

function relationships(codings: Coding[]) {
  return codings.map((coding) => ({ coding: [coding], text: coding.display }));
}

/**
 * PAT_CONTACT -> US Core 6.1.0 RelatedPerson (`contact-<CONTACT_ID>`): active, the patient, relationship from
 * RELATION_CODE plus "emergency contact" / "guardian" from the flags, name, phone, email, address. An unknown
 * RELATION_CODE is reported; the name keeps us-core-14 satisfied (LAST_NAME is NOT NULL).
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-relatedperson.html
 */
export function toContactRelatedPerson(c: LegacyPatContact, ctx: MapperContext): RelatedPerson {
  const relation = lookupCode(CONTACT_RELATION, c.RELATION_CODE, 'PAT_CONTACT.RELATION_CODE', ctx);
  const codings = present(relation);
  if (isYes(c.IS_EMERGENCY_YN) && !codings.some((x) => x.code === EMERGENCY.code)) codings.push(EMERGENCY);
  if (isYes(c.IS_GUARDIAN_YN) && !codings.some((x) => x.code === GUARDIAN.code)) codings.push(GUARDIAN);
  return compact<RelatedPerson>({
    resourceType: 'RelatedPerson',
    id: relatedPersonId.contact(c.CONTACT_ID),
    meta: buildMeta(c, RELATED_PERSON_PROFILE, ctx),
    active: c.ACTIVE_YN?.trim().toUpperCase() !== 'N',
    patient: ref.patient(c.PAT_ID),
    relationship: relationships(codings),
    name: present(humanName({ family: c.LAST_NAME, given: [c.FIRST_NAME] })),
    telecom: present(phone(c.PHONE), email(c.EMAIL)),
    address: present(address(c)),
  });
}

/** What `toProxyRelatedPerson` needs: the proxy grant, the portal account, and the account holder's own chart. */
export interface ProxyRelatedPersonInput {
  proxy: LegacyPortalProxy;
  /** The columns of the account it reads (never the sign-in columns). */
  account: Pick<LegacyPortalAccount, (typeof PROXY_ACCOUNT_COLUMNS)[number]>;
  /** The PATIENT row of PORTAL_ACCOUNT.PAT_ID (the person who holds the account): the columns it reads. */
  holder: Pick<LegacyPatient, (typeof PROXY_HOLDER_COLUMNS)[number]>;
}

/** PORTAL_ACCOUNT columns a proxy RelatedPerson shows or is versioned by (no USERNAME, PWD_*, LOCKED_YN ...). */
export const PROXY_ACCOUNT_COLUMNS = ['PORTAL_ID', 'PAT_ID', 'EMAIL', 'ACTIVE_YN', 'UPDATED_AT', 'ROW_VER'] as const;
/** PATIENT columns of the account holder's chart a proxy RelatedPerson shows or is versioned by. */
export const PROXY_HOLDER_COLUMNS = ['PAT_ID', 'FIRST_NAME', 'MIDDLE_NAME', 'LAST_NAME', 'CELL_PHONE', 'HOME_PHONE', 'EMAIL', 'UPDATED_AT', 'ROW_VER'] as const;

/** FNV-1a (32-bit) of a text. */
function fnv1a(textValue: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < textValue.length; i++) {
    h ^= textValue.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The version of a proxy RelatedPerson: PORTAL_PROXY has no version columns, so a 32-bit digest of the grant and
 * the ROW_VER of account and holder (any change of what the resource shows gives a new version), and its last
 * update: the later UPDATED_AT of account and holder. The same values stamp the resource and its Provenance.
 */
export function proxyRelatedPersonVersion(input: ProxyRelatedPersonInput): { version: number; updatedAt: string } {
  const { proxy, account, holder } = input;
  const state = [proxy.RELATION_CODE, proxy.START_DATE, proxy.END_DATE ?? '', account.ACTIVE_YN, account.ROW_VER, holder.ROW_VER].join('|');
  return { version: fnv1a(state), updatedAt: account.UPDATED_AT > holder.UPDATED_AT ? account.UPDATED_AT : holder.UPDATED_AT };
}

/**
 * PORTAL_PROXY -> US Core 6.1.0 RelatedPerson (`proxy-<PORTAL_ID>-<PAT_ID>`): a person with portal access to
 * the patient's chart. The account holds no name, so name and phone come from the holder's own chart; email
 * from the account. relationship from RELATION_CODE; period START_DATE..END_DATE; active while the account is
 * active and the grant has no END_DATE (the EHR ends a grant by setting it; PORTAL_PROXY has no status or
 * DELETED_YN). Version and lastUpdated: {@link proxyRelatedPersonVersion}.
 */
export function toProxyRelatedPerson(input: ProxyRelatedPersonInput, ctx: MapperContext): RelatedPerson {
  const { proxy, account, holder } = input;
  const relation = lookupCode(CONTACT_RELATION, proxy.RELATION_CODE, 'PORTAL_PROXY.RELATION_CODE', ctx);
  const { version, updatedAt } = proxyRelatedPersonVersion(input);
  return compact<RelatedPerson>({
    resourceType: 'RelatedPerson',
    id: relatedPersonId.proxy(proxy.PORTAL_ID, proxy.PAT_ID),
    meta: { versionId: String(version), lastUpdated: toInstant(updatedAt, ctx), profile: [RELATED_PERSON_PROFILE] },
    active: isYes(account.ACTIVE_YN) && !proxy.END_DATE,
    patient: ref.patient(proxy.PAT_ID),
    relationship: relationships(present(relation)),
    name: present(humanName({ family: holder.LAST_NAME, given: [holder.FIRST_NAME, holder.MIDDLE_NAME] })),
    telecom: present(email(account.EMAIL ?? holder.EMAIL), phone(holder.CELL_PHONE, 'mobile'), phone(holder.HOME_PHONE, 'home')),
    period: { start: toDate(proxy.START_DATE), end: toDate(proxy.END_DATE) },
  });
}
