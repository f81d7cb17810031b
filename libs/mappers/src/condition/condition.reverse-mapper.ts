/**
 * US Core Condition (problems and health concerns) -> PROBLEM row (the inverse of condition.mapper.ts), pure.
 * Category problem-list-item -> PROB_TYPE P, health-concern -> H; encounter diagnoses (D) stay read-only. Code:
 * SNOMED CT and/or ICD-10-CM (stored without the dot) and a description (required: DESCRIPTION is NOT NULL);
 * clinicalStatus -> STATUS, verificationStatus -> VERIFIED (default confirmed), day-precision onset and abatement,
 * one note. An entered-in-error Condition carries no clinicalStatus (con-5): STATUS is then stored as I (inactive).
 */
import type { LegacyProblem } from '#facade/legacy-db';
import { PROBLEM_STATUS, PROBLEM_VERIFIED } from '../common/code-maps.js';
import { DAY_DATE, inverse, localCode, patientKey, unstorableElements, type ReverseResult, type WriteIssue } from '../common/reverse.js';
import { SYSTEM } from '../common/systems.js';

/** The clinical columns of PROBLEM a write sets. */
export type ProblemColumns = Pick<LegacyProblem, 'PAT_ID' | 'PROB_TYPE' | 'ICD10_CODE' | 'SNOMED_CODE' | 'DESCRIPTION' | 'STATUS' | 'VERIFIED' | 'ONSET_DATE' | 'RESOLVED_DATE' | 'NOTE_TEXT'>;

const T = 'Condition';
const coding = (p: string) => [`${p}.coding.system`, `${p}.coding.code`, `${p}.coding.display`];

/** Elements a PROBLEM row can hold (`id`, `meta`, `recordedDate` = CREATED_AT are server-assigned, accepted and ignored). */
export const PROBLEM_STORABLE: ReadonlySet<string> = new Set([
  'id', 'meta.profile', 'meta.versionId', 'meta.lastUpdated', 'recordedDate', ...coding('clinicalStatus'), ...coding('verificationStatus'),
  ...coding('category'), ...coding('code'), 'code.text', 'subject.reference', 'subject.display', 'onsetDateTime', 'abatementDateTime', 'note.text',
]);

type Concept = { coding?: { system?: string; code?: string; display?: string }[]; text?: string };
const STATUS = inverse(PROBLEM_STATUS);
const VERIFIED = inverse(PROBLEM_VERIFIED);
const CATEGORIES: Record<string, string> = { [`${SYSTEM.conditionCategory}|problem-list-item`]: 'P', [`${SYSTEM.usCoreConditionCategory}|health-concern`]: 'H' };
const ICD10 = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

function codeOf(concept: Concept | undefined, system: string, expression: string, issues: WriteIssue[]): string | undefined {
  const codes = (concept?.coding ?? []).filter((c) => c.system === system);
  if (codes.length > 1) issues.push({ code: 'not-supported', expression: `${expression}.coding`, diagnostics: `Only one ${system} coding can be stored` });
  return codes[0]?.code;
}

function day(value: string | undefined, expression: string, issues: WriteIssue[]): string | null {
  if (value === undefined) return null;
  if (!DAY_DATE.test(value)) issues.push({ code: 'not-supported', expression, diagnostics: 'Only a full date (YYYY-MM-DD) can be stored' });
  return value;
}

/** Condition -> the PROBLEM columns it sets. */
export function fromCondition(resource: Record<string, unknown>): ReverseResult<ProblemColumns> {
  const issues: WriteIssue[] = unstorableElements(resource, PROBLEM_STORABLE).map((expression) => ({ code: 'not-supported' as const, expression, diagnostics: 'Element cannot be stored by this server' }));
  const r = resource as { clinicalStatus?: Concept; verificationStatus?: Concept; category?: Concept[]; code?: Concept; subject?: unknown; onsetDateTime?: string; abatementDateTime?: string; note?: { text?: string }[] };
  const patId = patientKey(r.subject);
  if (patId === undefined) issues.push({ code: 'required', expression: `${T}.subject`, diagnostics: 'subject must reference Patient/<id> of this server' });

  const categories = (r.category ?? []).flatMap((c) => c.coding ?? []).map((c) => `${c.system}|${c.code}`);
  const types = [...new Set(categories.map((c) => CATEGORIES[c]).filter(Boolean))];
  if (types.length !== 1 || categories.length !== 1) {
    issues.push({ code: 'not-supported', expression: `${T}.category`, diagnostics: 'Exactly one category, problem-list-item or health-concern, can be written (encounter diagnoses are read-only)' });
  }
  const verificationCode = codeOf(r.verificationStatus, SYSTEM.conditionVerification, `${T}.verificationStatus`, issues);
  const verified = verificationCode === undefined ? 'C' : localCode(VERIFIED, verificationCode, `${T}.verificationStatus`, issues);
  const statusCode = codeOf(r.clinicalStatus, SYSTEM.conditionClinical, `${T}.clinicalStatus`, issues);
  let status: string | null | undefined = statusCode === undefined ? null : localCode(STATUS, statusCode, `${T}.clinicalStatus`, issues);
  if (verified === 'E') {
    if (statusCode !== undefined) issues.push({ code: 'business-rule', expression: `${T}.clinicalStatus`, diagnostics: 'An entered-in-error Condition has no clinicalStatus (con-5)' });
    status = 'I';
  } else if (statusCode === undefined) issues.push({ code: 'required', expression: `${T}.clinicalStatus`, diagnostics: 'clinicalStatus is required (con-3)' });

  (r.code?.coding ?? []).forEach((c, i) => {
    if (c.system !== SYSTEM.snomed && c.system !== SYSTEM.icd10cm) issues.push({ code: 'not-supported', expression: `${T}.code.coding[${i}]`, diagnostics: 'Only SNOMED CT and ICD-10-CM codings can be stored' });
  });
  const snomed = codeOf(r.code, SYSTEM.snomed, `${T}.code`, issues);
  const icd = codeOf(r.code, SYSTEM.icd10cm, `${T}.code`, issues);
  if (icd !== undefined && !ICD10.test(icd)) issues.push({ code: 'value', expression: `${T}.code`, diagnostics: `'${icd}' is not an ICD-10-CM code` });
  const description = r.code?.text ?? r.code?.coding?.find((c) => c.display)?.display;
  if (!description) issues.push({ code: 'required', expression: `${T}.code.text`, diagnostics: 'A description (code.text or a display) is required' });
  else if (description.length > 255) issues.push({ code: 'not-supported', expression: `${T}.code.text`, diagnostics: 'At most 255 characters can be stored' });
  if ((r.note?.length ?? 0) > 1) issues.push({ code: 'not-supported', expression: `${T}.note[1]`, diagnostics: 'Only one note can be stored' });
  const note = r.note?.[0]?.text ?? null;
  if (note && note.length > 1000) issues.push({ code: 'not-supported', expression: `${T}.note[0].text`, diagnostics: 'At most 1000 characters can be stored' });
  const onset = day(r.onsetDateTime, `${T}.onsetDateTime`, issues);
  const resolved = day(r.abatementDateTime, `${T}.abatementDateTime`, issues);
  if (resolved && status === 'A') issues.push({ code: 'business-rule', expression: `${T}.abatementDateTime`, diagnostics: 'An active Condition has no abatement (con-4)' });
  for (const [v, max] of [[snomed, 20], [icd?.replace('.', ''), 10]] as const) {
    if (v && v.length > max) issues.push({ code: 'not-supported', expression: `${T}.code`, diagnostics: `A code longer than ${max} characters cannot be stored` });
  }
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    row: { PAT_ID: patId!, PROB_TYPE: types[0], ICD10_CODE: icd ? icd.replace('.', '') : null, SNOMED_CODE: snomed ?? null, DESCRIPTION: description!, STATUS: status!, VERIFIED: verified!, ONSET_DATE: onset, RESOLVED_DATE: resolved, NOTE_TEXT: note },
  };
}
