/**
 * US Core AllergyIntolerance -> ALLERGY row (the inverse of allergy-intolerance.mapper.ts), pure. What one ALLERGY
 * row holds: clinical status, confirmed/unconfirmed, one category, criticality, the substance (RxNorm and/or SNOMED
 * code and a name) or "no known allergies" (SNOMED 716186003), the patient, a day-precision onset, and one reaction
 * (one manifestation: SNOMED code and/or text, and a severity). Anything else is an issue, never dropped.
 */
import type { LegacyAllergy } from '#facade/legacy-db';
import { ALLERGEN_CATEGORY, ALLERGY_CRITICALITY, ALLERGY_STATUS, REACTION_SEVERITY } from '../common/code-maps.js';
import { DAY_DATE, inverse, localCode, patientKey, unstorableElements, type ReverseResult, type WriteIssue } from '../common/reverse.js';
import { SYSTEM } from '../common/systems.js';
import { NO_KNOWN_ALLERGY } from './allergy-intolerance.mapper.js';

/** The clinical columns of ALLERGY a write sets (keys, audit columns and flags are the writer's). */
export type AllergyColumns = Pick<
  LegacyAllergy,
  'PAT_ID' | 'NKA_YN' | 'ALLERGEN_TYPE' | 'ALLERGEN_NAME' | 'RXNORM_CODE' | 'SNOMED_CODE' | 'REACTION_TEXT' | 'REACTION_SNOMED' | 'SEVERITY' | 'CRITICALITY' | 'STATUS' | 'VERIFIED_YN' | 'ONSET_DATE'
>;

const T = 'AllergyIntolerance';
const coding = (p: string) => [`${p}.coding.system`, `${p}.coding.code`, `${p}.coding.display`];

/** Elements an ALLERGY row can hold (server-assigned `id`, `meta` and `recordedDate` = CREATED_AT are accepted and ignored). */
export const ALLERGY_STORABLE: ReadonlySet<string> = new Set([
  'id', 'meta.profile', 'meta.versionId', 'meta.lastUpdated', 'recordedDate',
  ...coding('clinicalStatus'), ...coding('verificationStatus'), 'category', 'criticality',
  ...coding('code'), 'code.text', 'patient.reference', 'patient.display', 'onsetDateTime',
  ...coding('reaction.manifestation'), 'reaction.manifestation.text', 'reaction.severity',
]);

type Coding = { system?: string; code?: string; display?: string };
type Concept = { coding?: Coding[]; text?: string };

const STATUS = inverse(ALLERGY_STATUS);
const CATEGORY = inverse(ALLERGEN_CATEGORY);
const CRITICALITY = inverse(ALLERGY_CRITICALITY);
const SEVERITY = inverse(REACTION_SEVERITY);
const VERIFIED: Record<string, string> = { confirmed: 'Y', unconfirmed: 'N' };

/** The code of the one coding of `system` in a concept (several codings of one system are an issue). */
function codeOf(concept: Concept | undefined, system: string, expression: string, issues: WriteIssue[]): string | undefined {
  const codes = (concept?.coding ?? []).filter((c) => c.system === system);
  if (codes.length > 1) issues.push({ code: 'not-supported', expression: `${expression}.coding`, diagnostics: `Only one ${system} coding can be stored` });
  return codes[0]?.code;
}

function onlySystems(concept: Concept | undefined, systems: string[], expression: string, issues: WriteIssue[]): void {
  (concept?.coding ?? []).forEach((c, i) => {
    if (!systems.includes(c.system ?? '')) issues.push({ code: 'not-supported', expression: `${expression}.coding[${i}]`, diagnostics: `Codings of ${c.system ?? 'no system'} cannot be stored (supported: ${systems.join(', ')})` });
  });
}

function maxLength(value: string | undefined, max: number, expression: string, issues: WriteIssue[]): string | null {
  if (value === undefined) return null;
  if (value.length > max) issues.push({ code: 'not-supported', expression, diagnostics: `At most ${max} characters can be stored` });
  return value;
}

/**
 * AllergyIntolerance -> the ALLERGY columns it sets. `clinicalStatus` is required (ALLERGY.STATUS is NOT NULL);
 * a missing `verificationStatus` is stored as confirmed (the column's default). "No known allergies" carries no
 * category, criticality or reaction.
 */
export function fromAllergyIntolerance(resource: Record<string, unknown>): ReverseResult<AllergyColumns> {
  const issues: WriteIssue[] = unstorableElements(resource, ALLERGY_STORABLE).map((expression) => ({
    code: 'not-supported' as const, expression, diagnostics: 'Element cannot be stored by this server',
  }));
  const r = resource as {
    clinicalStatus?: Concept; verificationStatus?: Concept; category?: string[]; criticality?: string; code?: Concept;
    patient?: unknown; onsetDateTime?: string; reaction?: { manifestation?: Concept[]; severity?: string }[];
  };
  const patId = patientKey(r.patient);
  if (patId === undefined) issues.push({ code: 'required', expression: `${T}.patient`, diagnostics: 'patient must reference Patient/<id> of this server' });
  const statusCode = codeOf(r.clinicalStatus, SYSTEM.allergyClinical, `${T}.clinicalStatus`, issues);
  if (!statusCode) issues.push({ code: 'required', expression: `${T}.clinicalStatus`, diagnostics: 'clinicalStatus is required by this server' });
  const status = statusCode ? localCode(STATUS, statusCode, `${T}.clinicalStatus`, issues) : undefined;
  const verificationCode = codeOf(r.verificationStatus, SYSTEM.allergyVerification, `${T}.verificationStatus`, issues);
  const verified = verificationCode === undefined ? 'Y' : localCode(VERIFIED, verificationCode, `${T}.verificationStatus`, issues);
  if ((r.category?.length ?? 0) > 1) issues.push({ code: 'not-supported', expression: `${T}.category[1]`, diagnostics: 'Only one category can be stored' });
  const category = localCode(CATEGORY, r.category?.[0], `${T}.category[0]`, issues);
  const criticality = localCode(CRITICALITY, r.criticality, `${T}.criticality`, issues);

  onlySystems(r.code, [SYSTEM.rxnorm, SYSTEM.snomed], `${T}.code`, issues);
  const rxnorm = codeOf(r.code, SYSTEM.rxnorm, `${T}.code`, issues);
  const snomed = codeOf(r.code, SYSTEM.snomed, `${T}.code`, issues);
  const nka = snomed === NO_KNOWN_ALLERGY.code;
  const name = r.code?.text ?? r.code?.coding?.find((c) => c.display)?.display;
  if (!nka && !rxnorm && !snomed && !name) issues.push({ code: 'required', expression: `${T}.code`, diagnostics: 'code needs an RxNorm or SNOMED CT coding or a text' });
  if (nka && (rxnorm || category || criticality || r.reaction)) {
    issues.push({ code: 'business-rule', expression: `${T}.code`, diagnostics: '"No known allergy" carries no substance, category, criticality or reaction' });
  }

  if (r.onsetDateTime !== undefined && !DAY_DATE.test(r.onsetDateTime)) {
    issues.push({ code: 'not-supported', expression: `${T}.onsetDateTime`, diagnostics: 'Only a full date (YYYY-MM-DD) can be stored as the onset' });
  }
  if ((r.reaction?.length ?? 0) > 1) issues.push({ code: 'not-supported', expression: `${T}.reaction[1]`, diagnostics: 'Only one reaction can be stored' });
  const reaction = r.reaction?.[0];
  if ((reaction?.manifestation?.length ?? 0) > 1) issues.push({ code: 'not-supported', expression: `${T}.reaction[0].manifestation[1]`, diagnostics: 'Only one manifestation can be stored' });
  const manifestation = reaction?.manifestation?.[0];
  onlySystems(manifestation, [SYSTEM.snomed], `${T}.reaction[0].manifestation[0]`, issues);
  const reactionSnomed = codeOf(manifestation, SYSTEM.snomed, `${T}.reaction[0].manifestation[0]`, issues);
  const reactionText = manifestation?.text ?? manifestation?.coding?.find((c) => c.display)?.display;
  const severity = localCode(SEVERITY, reaction?.severity, `${T}.reaction[0].severity`, issues);

  const row: AllergyColumns = {
    PAT_ID: patId ?? 0,
    NKA_YN: nka ? 'Y' : 'N',
    ALLERGEN_TYPE: nka ? null : (category ?? null),
    ALLERGEN_NAME: nka ? null : maxLength(name, 120, `${T}.code.text`, issues),
    RXNORM_CODE: nka ? null : (rxnorm ?? null),
    SNOMED_CODE: nka ? null : (snomed ?? null),
    REACTION_TEXT: maxLength(reactionText, 255, `${T}.reaction[0].manifestation[0].text`, issues),
    REACTION_SNOMED: reactionSnomed ?? null,
    SEVERITY: severity ?? null,
    CRITICALITY: nka ? null : (criticality ?? null),
    STATUS: status ?? '',
    VERIFIED_YN: verified ?? 'Y',
    ONSET_DATE: r.onsetDateTime ?? null,
  };
  for (const [col, v, max] of [['RXNORM_CODE', row.RXNORM_CODE, 20], ['SNOMED_CODE', row.SNOMED_CODE, 20], ['REACTION_SNOMED', row.REACTION_SNOMED, 20]] as const) {
    if (v && v.length > max) issues.push({ code: 'not-supported', expression: T, diagnostics: `A code longer than ${max} characters cannot be stored (${col})` });
  }
  return issues.length ? { ok: false, issues } : { ok: true, row };
}
