/**
 * Stable FHIR logical ids of every resource the facade produces, and their parsing back to the legacy table and
 * primary key. The id is a pure function of the row key, so a resource keeps its id across EHR updates and the
 * query engine can turn a read (`GET /Observation/vitals-12-bp`) into one keyed lookup.
 *
 * | resource | id | row |
 * | --- | --- | --- |
 * | Patient | `<PAT_ID>` | PATIENT |
 * | Practitioner | `<PROV_ID>` | PROVIDER |
 * | PractitionerRole | `<PROV_ID>` (one role per provider) | PROVIDER |
 * | Organization | `practice-<PRACTICE_ID>` / `payer-<PAYER_ID>` | PRACTICE / PAYER |
 * | Location | `<FACILITY_ID>` | FACILITY |
 * | Encounter | `<VISIT_ID>` | VISIT |
 * | Condition | `<PROB_ID>` | PROBLEM |
 * | AllergyIntolerance | `<ALLERGY_ID>` | ALLERGY |
 * | Observation | `vitals-<VITAL_ID>-<sign>`, `lab-<RESULT_ID>`, `<facet>-<SOC_ID>` | VITALS / LAB_RESULT / SOCIAL_HX |
 * | DiagnosticReport | `<ORDER_ID>` | LAB_ORDER |
 * | Provenance | `<TargetType>-<target id>` | the target's row |
 *
 * Keys are canonical positive integers (no sign, no leading zero, within SQL Server INT), so every row has
 * exactly one id and a malformed id never reaches the database.
 */

/** Slugs of the vital signs in one VITALS row; each is one Observation (`vitals-<VITAL_ID>-<slug>`). */
export const VITAL_SIGN_SLUGS = [
  'height',
  'weight',
  'bmi',
  'bp',
  'heart-rate',
  'respiratory-rate',
  'temperature',
  'pulse-oximetry',
  'head-circumference',
  'bmi-percentile',
  'weight-for-length-percentile',
  'head-circumference-percentile',
] as const;
export type VitalSignSlug = (typeof VITAL_SIGN_SLUGS)[number];

/** Facets of one SOCIAL_HX row; each is one Observation (`<facet>-<SOC_ID>`). */
export const SOCIAL_HISTORY_FACETS = [
  'smoking',
  'sexual-orientation',
  'pregnancy-status',
  'pregnancy-intent',
  'occupation',
] as const;
export type SocialHistoryFacet = (typeof SOCIAL_HISTORY_FACETS)[number];

/** The resource types this library maps. */
export const MAPPED_RESOURCE_TYPES = [
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Location',
  'Encounter',
  'Condition',
  'AllergyIntolerance',
  'Observation',
  'DiagnosticReport',
  'Provenance',
  // Documents, reports and orders (their ids: document-codes.ts, order-codes.ts, clinical-result.mapper.ts).
  'DocumentReference',
  'Binary',
  'ServiceRequest',
  'Specimen',
] as const;
export type MappedResourceType = (typeof MAPPED_RESOURCE_TYPES)[number];

/** Legacy tables that back a FHIR resource. */
export type KeyedLegacyTable =
  | 'PATIENT'
  | 'PROVIDER'
  | 'PRACTICE'
  | 'PAYER'
  | 'FACILITY'
  | 'VISIT'
  | 'PROBLEM'
  | 'ALLERGY'
  | 'VITALS'
  | 'LAB_RESULT'
  | 'SOCIAL_HX'
  | 'LAB_ORDER';

/** What a FHIR id points at: a legacy row (and, for rows that yield several Observations, which one). */
export type RowKey =
  | { table: Exclude<KeyedLegacyTable, 'VITALS' | 'SOCIAL_HX'>; key: number }
  | { table: 'VITALS'; key: number; sign: VitalSignSlug }
  | { table: 'SOCIAL_HX'; key: number; facet: SocialHistoryFacet };

/** A parsed Provenance id: the target resource and the row that carries its audit columns. */
export interface ProvenanceKey {
  table: 'PROVENANCE';
  targetType: Exclude<MappedResourceType, 'Provenance'>;
  targetId: string;
  target: RowKey;
}

export type ParsedResourceId = RowKey | ProvenanceKey;

const MAX_INT = 2_147_483_647;
const KEY_RE = /^[1-9][0-9]{0,9}$/;
/** FHIR `id` datatype regex. */
export const FHIR_ID_RE = /^[A-Za-z0-9\-.]{1,64}$/;

function parseKey(text: string): number | undefined {
  if (!KEY_RE.test(text)) return undefined;
  const n = Number(text);
  return n <= MAX_INT ? n : undefined;
}

function keyText(key: number): string {
  if (!Number.isSafeInteger(key) || key < 1 || key > MAX_INT) throw new RangeError(`Not a legacy row key: ${key}`);
  return String(key);
}

/** Id builders, one per produced resource. They throw a RangeError on a key that no legacy row can have. */
export const fhirId = {
  patient: (patId: number) => keyText(patId),
  practitioner: (provId: number) => keyText(provId),
  practitionerRole: (provId: number) => keyText(provId),
  practiceOrganization: (practiceId: number) => `practice-${keyText(practiceId)}`,
  payerOrganization: (payerId: number) => `payer-${keyText(payerId)}`,
  location: (facilityId: number) => keyText(facilityId),
  encounter: (visitId: number) => keyText(visitId),
  condition: (probId: number) => keyText(probId),
  allergyIntolerance: (allergyId: number) => keyText(allergyId),
  vitalSign: (vitalId: number, sign: VitalSignSlug) => `vitals-${keyText(vitalId)}-${sign}`,
  labResult: (resultId: number) => `lab-${keyText(resultId)}`,
  socialHistory: (socId: number, facet: SocialHistoryFacet) => `${facet}-${keyText(socId)}`,
  diagnosticReport: (orderId: number) => keyText(orderId),
  provenance: (targetType: Exclude<MappedResourceType, 'Provenance'>, targetId: string) => `${targetType}-${targetId}`,
};

const PLAIN_TABLE: Partial<Record<MappedResourceType, Exclude<KeyedLegacyTable, 'VITALS' | 'SOCIAL_HX'>>> = {
  Patient: 'PATIENT',
  Practitioner: 'PROVIDER',
  PractitionerRole: 'PROVIDER',
  Location: 'FACILITY',
  Encounter: 'VISIT',
  Condition: 'PROBLEM',
  AllergyIntolerance: 'ALLERGY',
  DiagnosticReport: 'LAB_ORDER',
};

function parseObservationId(id: string): RowKey | undefined {
  const vitals = /^vitals-([0-9]+)-([a-z-]+)$/.exec(id);
  if (vitals) {
    const key = parseKey(vitals[1]);
    const sign = VITAL_SIGN_SLUGS.find((s) => s === vitals[2]);
    return key !== undefined && sign ? { table: 'VITALS', key, sign } : undefined;
  }
  const lab = /^lab-([0-9]+)$/.exec(id);
  if (lab) {
    const key = parseKey(lab[1]);
    return key !== undefined ? { table: 'LAB_RESULT', key } : undefined;
  }
  const social = /^([a-z-]+)-([0-9]+)$/.exec(id);
  if (social) {
    const key = parseKey(social[2]);
    const facet = SOCIAL_HISTORY_FACETS.find((f) => f === social[1]);
    return key !== undefined && facet ? { table: 'SOCIAL_HX', key, facet } : undefined;
  }
  return undefined;
}

/**
 * Parses a FHIR logical id of `type` back to the legacy row it was made from. Returns `undefined` for an id
 * this facade can never have produced (unknown type, malformed, non-canonical or out-of-range key): the engine
 * answers 404 for a read (or 400 where the id is a search value) without querying.
 */
export function parseResourceId(type: string, id: string): ParsedResourceId | undefined {
  if (typeof id !== 'string' || !FHIR_ID_RE.test(id)) return undefined;
  const plain = PLAIN_TABLE[type as MappedResourceType];
  if (plain) {
    const key = parseKey(id);
    return key !== undefined ? { table: plain, key } : undefined;
  }
  switch (type) {
    case 'Organization': {
      const m = /^(practice|payer)-([0-9]+)$/.exec(id);
      const key = m ? parseKey(m[2]) : undefined;
      if (!m || key === undefined) return undefined;
      return { table: m[1] === 'practice' ? 'PRACTICE' : 'PAYER', key };
    }
    case 'Observation':
      return parseObservationId(id);
    case 'Provenance': {
      const dash = id.indexOf('-');
      if (dash < 1) return undefined;
      const targetType = id.slice(0, dash);
      const targetId = id.slice(dash + 1);
      if (targetType === 'Provenance') return undefined;
      const target = parseResourceId(targetType, targetId);
      if (!target || target.table === 'PROVENANCE') return undefined;
      return { table: 'PROVENANCE', targetType: targetType as ProvenanceKey['targetType'], targetId, target };
    }
    default:
      return undefined;
  }
}
