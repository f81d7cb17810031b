/**
 * US Core Patient (update) -> the PATIENT columns a client may change (the inverse of the writable part of
 * patient.mapper.ts), pure: names (official; usual = preferred given name; old = former family name), telecom
 * (home/mobile/work phone as digits, one email), one home address, one preferred language, and the contacts
 * (PAT_CONTACT rows added, changed, soft-deleted: patient-contact.reverse-mapper.ts). Everything else the
 * resource carries — identifiers (MRN, SSN), the practice, merge links, active, gender, birth date, death,
 * marital status, extensions (race, ethnicity, sex), clinicians — must equal what the EHR has (the
 * current resource, compared without `display`): a change is a 422 naming the element, never silently dropped. The
 * EHR's sign-in columns are not in PATIENT and are never written here.
 */
import type { LegacyPatient } from '#facade/legacy-db';
import { unstorableElements, type ReverseResult, type WriteIssue } from '../common/reverse.js';
import { SYSTEM } from '../common/systems.js';
import { fromPatientContacts, type ContactChanges } from './patient-contact.reverse-mapper.js';
import { canonical, fit, usPhone } from './patient-write-values.js';

/** The PATIENT columns a Patient update sets. */
export type PatientColumns = Pick<
  LegacyPatient,
  'LAST_NAME' | 'FIRST_NAME' | 'MIDDLE_NAME' | 'NAME_PREFIX' | 'NAME_SUFFIX' | 'PREFERRED_NAME' | 'PREV_LAST_NAME' | 'ADDR1' | 'ADDR2' | 'CITY' | 'STATE' | 'ZIP' | 'COUNTY' | 'HOME_PHONE' | 'CELL_PHONE' | 'WORK_PHONE' | 'EMAIL' | 'LANGUAGE_CODE'
> & { PAT_ID: number };

/** A Patient update: the PATIENT columns and what happens to the chart's PAT_CONTACT rows. */
export type PatientUpdate = PatientColumns & { contacts: ContactChanges };

const T = 'Patient';
/** Elements compared with the current resource (read-only through FHIR). */
const READ_ONLY = ['identifier', 'active', 'gender', 'birthDate', 'deceasedBoolean', 'deceasedDateTime', 'maritalStatus', 'generalPractitioner', 'managingOrganization', 'link', 'extension', 'multipleBirthBoolean', 'photo'];
const name = ['use', 'text', 'family', 'given', 'prefix', 'suffix'].map((k) => `name.${k}`);
export const PATIENT_STORABLE: ReadonlySet<string> = new Set([
  'id', 'meta.profile', 'meta.versionId', 'meta.lastUpdated', ...name, 'telecom.system', 'telecom.value', 'telecom.use',
  'address.use', 'address.line', 'address.city', 'address.district', 'address.state', 'address.postalCode', 'address.country',
  'communication.language.coding.system', 'communication.language.coding.code', 'communication.language.coding.display', 'communication.language.text', 'communication.preferred',
]);

type Name = { use?: string; family?: string; given?: string[]; prefix?: string[]; suffix?: string[] };
type Telecom = { system?: string; value?: string; use?: string };
type Address = { use?: string; line?: string[]; city?: string; district?: string; state?: string; postalCode?: string; country?: string };

function one<T>(items: T[] | undefined, max: number, expression: string, issues: WriteIssue[], what: string): T[] {
  if ((items?.length ?? 0) > max) issues.push({ code: 'not-supported', expression: `${expression}[${max}]`, diagnostics: `At most ${max} ${what} can be stored` });
  return items ?? [];
}

function names(resource: { name?: Name[] }, issues: WriteIssue[]) {
  const byUse = new Map<string, { n: Name; i: number }>();
  (resource.name ?? []).forEach((n, i) => {
    const use = n.use ?? 'official';
    if (!['official', 'usual', 'old'].includes(use) || byUse.has(use)) issues.push({ code: 'not-supported', expression: `${T}.name[${i}]`, diagnostics: 'One official, one usual (preferred) and one old (former) name can be stored' });
    else byUse.set(use, { n, i });
  });
  const official = byUse.get('official');
  if (!official?.n.family || !official.n.given?.[0]) {
    issues.push({ code: 'required', expression: `${T}.name`, diagnostics: 'An official name with a family and a given name is required' });
    return undefined;
  }
  const e = `${T}.name[${official.i}]`;
  one(official.n.given, 2, `${e}.given`, issues, 'given names');
  one(official.n.prefix, 1, `${e}.prefix`, issues, 'prefix');
  one(official.n.suffix, 1, `${e}.suffix`, issues, 'suffix');
  const usual = byUse.get('usual');
  const old = byUse.get('old');
  if (usual && (usual.n.family ?? official.n.family) !== official.n.family) issues.push({ code: 'not-supported', expression: `${T}.name[${usual.i}].family`, diagnostics: 'The usual name differs from the official one only in the given name' });
  return {
    LAST_NAME: fit(official.n.family, 60, `${e}.family`, issues)!,
    FIRST_NAME: fit(official.n.given[0], 60, `${e}.given[0]`, issues)!,
    MIDDLE_NAME: fit(official.n.given[1], 60, `${e}.given[1]`, issues),
    NAME_PREFIX: fit(official.n.prefix?.[0], 20, `${e}.prefix[0]`, issues),
    NAME_SUFFIX: fit(official.n.suffix?.[0], 20, `${e}.suffix[0]`, issues),
    PREFERRED_NAME: usual ? fit(usual.n.given?.[0], 60, `${T}.name[${usual.i}].given[0]`, issues) : null,
    PREV_LAST_NAME: old ? fit(old.n.family, 60, `${T}.name[${old.i}].family`, issues) : null,
  };
}

function telecom(resource: { telecom?: Telecom[] }, issues: WriteIssue[]) {
  const out = { HOME_PHONE: null as string | null, CELL_PHONE: null as string | null, WORK_PHONE: null as string | null, EMAIL: null as string | null };
  const column: Record<string, keyof typeof out> = { 'phone|home': 'HOME_PHONE', 'phone|mobile': 'CELL_PHONE', 'phone|work': 'WORK_PHONE', 'email|home': 'EMAIL', 'email|': 'EMAIL' };
  (resource.telecom ?? []).forEach((t, i) => {
    const col = column[`${t.system}|${t.use ?? ''}`];
    const expression = `${T}.telecom[${i}]`;
    if (!col || out[col] !== null) return issues.push({ code: 'not-supported', expression, diagnostics: 'One home, mobile and work phone and one email can be stored' });
    if (col === 'EMAIL') return void (out.EMAIL = fit(t.value, 120, `${expression}.value`, issues));
    out[col] = usPhone(t.value, `${expression}.value`, issues);
  });
  return out;
}

function address(resource: { address?: Address[] }, issues: WriteIssue[]) {
  const [a] = one(resource.address, 1, `${T}.address`, issues, 'address');
  if (!a) return { ADDR1: null, ADDR2: null, CITY: null, STATE: null, ZIP: null, COUNTY: null };
  const e = `${T}.address[0]`;
  if (a.use && a.use !== 'home') issues.push({ code: 'not-supported', expression: `${e}.use`, diagnostics: 'Only the home address can be stored' });
  if (a.country && a.country !== 'US') issues.push({ code: 'not-supported', expression: `${e}.country`, diagnostics: 'Only US addresses can be stored' });
  one(a.line, 2, `${e}.line`, issues, 'address lines');
  const state = fit(a.state, 2, `${e}.state`, issues);
  return { ADDR1: fit(a.line?.[0], 100, `${e}.line[0]`, issues), ADDR2: fit(a.line?.[1], 100, `${e}.line[1]`, issues), CITY: fit(a.city, 60, `${e}.city`, issues), STATE: state?.toUpperCase() ?? null, ZIP: fit(a.postalCode, 10, `${e}.postalCode`, issues), COUNTY: fit(a.district, 60, `${e}.district`, issues) };
}

/**
 * A Patient update -> the PATIENT columns it sets; `current` is the resource as the facade serves it now.
 */
export function fromPatient(resource: Record<string, unknown>, current: Record<string, unknown>): ReverseResult<PatientUpdate> {
  const readOnly = new Set([...READ_ONLY, 'contact']);
  const rest = Object.fromEntries(Object.entries(resource).filter(([k]) => !readOnly.has(k)));
  const issues: WriteIssue[] = unstorableElements(rest, PATIENT_STORABLE).map((expression) => ({ code: 'not-supported' as const, expression, diagnostics: 'Element cannot be stored by this server' }));
  for (const key of READ_ONLY) {
    if (canonical(resource[key]) !== canonical(current[key])) issues.push({ code: 'not-supported', expression: `${T}.${key}`, diagnostics: `${T}.${key} cannot be changed through this server (read it again and send it unchanged)` });
  }
  const r = resource as { name?: Name[]; telecom?: Telecom[]; address?: Address[]; communication?: { language?: { coding?: { system?: string; code?: string }[] }; preferred?: boolean }[] };
  const n = names(r, issues);
  const [c] = one(r.communication, 1, `${T}.communication`, issues, 'language');
  const language = c?.language?.coding?.find((x) => x.system === SYSTEM.languageBcp47)?.code;
  if (c && !language) issues.push({ code: 'required', expression: `${T}.communication[0].language`, diagnostics: `A ${SYSTEM.languageBcp47} coding is required` });
  const contacts = fromPatientContacts(resource.contact, current.contact, issues);
  const row = { PAT_ID: Number(current.id), ...n!, ...telecom(r, issues), ...address(r, issues), LANGUAGE_CODE: fit(language, 8, `${T}.communication[0].language`, issues), contacts };
  return issues.length || !n ? { ok: false, issues } : { ok: true, row };
}
