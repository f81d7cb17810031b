/**
 * Patient.contact (update) -> PAT_CONTACT changes, pure (the inverse of `toPatientContact`). A served contact
 * carries its row in its element id (`contact-<CONTACT_ID>`): a body contact with such an id that equals the served
 * one (compared without `display`) is kept as it is; one that differs is a change of that row; one without an id is
 * a new row; a served contact missing from the body is soft-deleted (ACTIVE_YN 'N': PAT_CONTACT has no DELETED_YN,
 * and the facade never deletes a row). Storable: one relationship of the local table plus the emergency-contact
 * (v2 `C`) and guardian (v3 `GUARD`) flags, a family and one given name, one phone and one email, one address line,
 * city, state, ZIP. An unmapped relationship code is a 422 (never a guess).
 */
import type { LegacyPatContact } from '#facade/legacy-db';
import { CONTACT_RELATION } from '../common/code-maps.js';
import { unstorableElements, type WriteIssue } from '../common/reverse.js';
import { SYSTEM } from '../common/systems.js';
import { canonical, fit, usPhone } from './patient-write-values.js';

/** The PAT_CONTACT columns a contact sets (the key, PAT_ID, ACTIVE_YN and versions are the writer's). */
export type ContactColumns = Pick<LegacyPatContact, 'RELATION_CODE' | 'LAST_NAME' | 'FIRST_NAME' | 'PHONE' | 'EMAIL' | 'ADDR1' | 'CITY' | 'STATE' | 'ZIP' | 'IS_EMERGENCY_YN' | 'IS_GUARDIAN_YN'>;

/** What an update does to the chart's contacts. */
export interface ContactChanges {
  /** New rows. */
  add: ContactColumns[];
  /** Served rows whose content changed. */
  change: { CONTACT_ID: number; columns: ContactColumns }[];
  /** Served rows the body left out (soft-deleted). */
  remove: number[];
}

const CONTACT_STORABLE: ReadonlySet<string> = new Set([
  'id', 'relationship.coding.system', 'relationship.coding.code', 'relationship.coding.display', 'relationship.text',
  'name.text', 'name.family', 'name.given', 'telecom.system', 'telecom.value', 'telecom.use',
  'address.line', 'address.city', 'address.state', 'address.postalCode', 'address.country', 'address.text',
]);

const EMERGENCY = `${SYSTEM.v2ContactRole}|C`;
const GUARDIAN = `${SYSTEM.v3RoleCode}|GUARD`;
/** `system|code` -> RELATION_CODE. */
const RELATION_OF: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(CONTACT_RELATION).map(([local, c]) => [`${c.system}|${c.code}`, local]));
const ID = /^contact-([1-9][0-9]{0,9})$/;

type Contact = {
  id?: unknown;
  relationship?: { coding?: { system?: string; code?: string }[] }[];
  name?: { family?: string; given?: string[] };
  telecom?: { system?: string; value?: string; use?: string }[];
  address?: { line?: string[]; city?: string; state?: string; postalCode?: string; country?: string };
};

function relation(c: Contact, e: string, issues: WriteIssue[]): Pick<ContactColumns, 'RELATION_CODE' | 'IS_EMERGENCY_YN' | 'IS_GUARDIAN_YN'> | undefined {
  const codings = (c.relationship ?? []).flatMap((r, i) => (r.coding ?? []).map((x, j) => ({ key: `${x.system}|${x.code}`, expression: `${e}.relationship[${i}].coding[${j}]` })));
  for (const x of codings) {
    if (!RELATION_OF[x.key]) issues.push({ code: 'not-supported', expression: x.expression, diagnostics: `The relationship '${x.key}' cannot be stored (supported: ${Object.values(CONTACT_RELATION).map((r) => r.code).join(', ')})` });
  }
  const keys = new Set(codings.map((x) => x.key));
  const relations = [...keys].filter((k) => RELATION_OF[k] && k !== EMERGENCY && k !== GUARDIAN);
  if (relations.length > 1) issues.push({ code: 'not-supported', expression: `${e}.relationship`, diagnostics: 'One relationship (besides emergency contact and guardian) can be stored' });
  const main = relations[0] ?? (keys.has(GUARDIAN) ? GUARDIAN : keys.has(EMERGENCY) ? EMERGENCY : undefined);
  if (!main) {
    if (codings.length === 0) issues.push({ code: 'required', expression: `${e}.relationship`, diagnostics: 'A contact needs its relationship to the patient' });
    return undefined;
  }
  return { RELATION_CODE: RELATION_OF[main], IS_EMERGENCY_YN: keys.has(EMERGENCY) ? 'Y' : 'N', IS_GUARDIAN_YN: keys.has(GUARDIAN) ? 'Y' : 'N' };
}

function telecom(c: Contact, e: string, issues: WriteIssue[]): Pick<ContactColumns, 'PHONE' | 'EMAIL'> {
  const out = { PHONE: null as string | null, EMAIL: null as string | null };
  (c.telecom ?? []).forEach((t, i) => {
    const col = t.system === 'phone' ? 'PHONE' : t.system === 'email' ? 'EMAIL' : undefined;
    if (!col || out[col] !== null) return issues.push({ code: 'not-supported', expression: `${e}.telecom[${i}]`, diagnostics: 'One phone and one email of a contact can be stored' });
    out[col] = col === 'PHONE' ? usPhone(t.value, `${e}.telecom[${i}].value`, issues) : fit(t.value, 120, `${e}.telecom[${i}].value`, issues);
  });
  return out;
}

function columns(c: Contact, e: string, issues: WriteIssue[]): ContactColumns | undefined {
  const rel = relation(c, e, issues);
  const family = fit(c.name?.family, 60, `${e}.name.family`, issues);
  if (!family) issues.push({ code: 'required', expression: `${e}.name.family`, diagnostics: 'A contact needs a family name' });
  if ((c.name?.given?.length ?? 0) > 1) issues.push({ code: 'not-supported', expression: `${e}.name.given[1]`, diagnostics: 'One given name of a contact can be stored' });
  const a = c.address;
  if ((a?.line?.length ?? 0) > 1) issues.push({ code: 'not-supported', expression: `${e}.address.line[1]`, diagnostics: 'One address line of a contact can be stored' });
  if (a?.country && a.country !== 'US') issues.push({ code: 'not-supported', expression: `${e}.address.country`, diagnostics: 'Only US addresses can be stored' });
  const state = fit(a?.state, 2, `${e}.address.state`, issues)?.toUpperCase() ?? null;
  const out = {
    LAST_NAME: family!, FIRST_NAME: fit(c.name?.given?.[0], 60, `${e}.name.given[0]`, issues), ...telecom(c, e, issues),
    ADDR1: fit(a?.line?.[0], 100, `${e}.address.line[0]`, issues), CITY: fit(a?.city, 60, `${e}.address.city`, issues), STATE: state, ZIP: fit(a?.postalCode, 10, `${e}.address.postalCode`, issues),
  };
  return rel && family ? { ...rel, ...out } : undefined;
}

/**
 * The contact changes of an update: `contacts` from the body, `served` the contacts of the resource as the facade
 * serves it now (issues are pushed to `issues`).
 */
export function fromPatientContacts(contacts: unknown, served: unknown, issues: WriteIssue[]): ContactChanges {
  const out: ContactChanges = { add: [], change: [], remove: [] };
  const current = new Map<number, Contact>();
  for (const c of Array.isArray(served) ? (served as Contact[]) : []) {
    const m = ID.exec(String(c.id));
    if (m) current.set(Number(m[1]), c);
  }
  const seen = new Set<number>();
  (Array.isArray(contacts) ? (contacts as Contact[]) : []).forEach((c, i) => {
    const e = `Patient.contact[${i}]`;
    issues.push(...unstorableElements({ resourceType: e, ...c }, CONTACT_STORABLE).map((expression) => ({ code: 'not-supported' as const, expression, diagnostics: 'Element cannot be stored by this server' })));
    if (c.id === undefined) {
      const cols = columns(c, e, issues);
      if (cols) out.add.push(cols);
      return;
    }
    const m = ID.exec(String(c.id));
    const key = m ? Number(m[1]) : undefined;
    if (key === undefined || !current.has(key) || seen.has(key)) {
      issues.push({ code: 'business-rule', expression: `${e}.id`, diagnostics: `'${String(c.id)}' is not a contact of this chart as last read (leave the id out to add a contact)` });
      return;
    }
    seen.add(key);
    if (canonical(c) === canonical(current.get(key))) return;
    const cols = columns(c, e, issues);
    if (cols) out.change.push({ CONTACT_ID: key, columns: cols });
  });
  out.remove = [...current.keys()].filter((k) => !seen.has(k));
  return out;
}
