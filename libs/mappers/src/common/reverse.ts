/**
 * Shared pieces of the reverse mappers (FHIR resource -> legacy row): the issues a write can be refused with,
 * inverse code tables, and the check that every element of an incoming resource is one the legacy columns can hold
 * (an element they cannot hold is reported, never silently dropped).
 */

/** Why a resource cannot be written (becomes one OperationOutcome issue of a 422; 413 for `too-costly`). */
export interface WriteIssue {
  code: 'not-supported' | 'business-rule' | 'required' | 'value' | 'processing' | 'structure' | 'too-costly';
  /** FHIRPath of the element, e.g. `AllergyIntolerance.reaction[1]`. */
  expression: string;
  diagnostics: string;
}

/** What a reverse mapper returns: the row's clinical columns (audit columns are the writer's), or the issues. */
export type ReverseResult<TRow> = { ok: true; row: TRow } | { ok: false; issues: WriteIssue[] };

/** The inverse of a local-code table (`{ A: 'active' }` -> `{ active: 'A' }`). */
export function inverse(table: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [v, k]));
}

/**
 * Looks a FHIR code up in an inverse table; an unmapped code is an issue (never a guess).
 * @returns the local code, `null` when `value` is absent, or the issue pushed to `issues` (then `undefined`).
 */
export function localCode(table: Readonly<Record<string, string>>, value: unknown, expression: string, issues: WriteIssue[]): string | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(table, value)) return table[value];
  issues.push({ code: 'not-supported', expression, diagnostics: `The code '${String(value)}' cannot be stored by this server (supported: ${Object.keys(table).join(', ')})` });
  return undefined;
}

/**
 * Every element of `resource` whose path (array indexes removed, e.g. `code.coding.system`) is not in `allowed`,
 * as FHIRPath expressions with indexes (`AllergyIntolerance.reaction[0].onset`). Extensions are never storable.
 */
export function unstorableElements(resource: Record<string, unknown>, allowed: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const walk = (node: unknown, path: string, expr: string) => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => walk(n, path, `${expr}[${i}]`));
      return;
    }
    if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
        if (v === undefined) continue;
        const p = path ? `${path}.${k}` : k;
        const e = `${expr}.${k}`;
        if (allowed.has(p)) walk(v, p, e);
        else if ([...allowed].some((a) => a.startsWith(`${p}.`)) && v !== null && typeof v === 'object') walk(v, p, e);
        else out.push(e);
      }
    }
  };
  const { resourceType, ...rest } = resource;
  walk(rest, '', String(resourceType));
  return out;
}

/** The patient key of a `Patient/<id>` reference (a positive integer), or `undefined`. */
export function patientKey(reference: unknown): number | undefined {
  const ref = (reference as { reference?: unknown } | undefined)?.reference;
  if (typeof ref !== 'string') return undefined;
  const m = /^Patient\/([1-9][0-9]{0,9})$/.exec(ref);
  return m && Number(m[1]) <= 2_147_483_647 ? Number(m[1]) : undefined;
}

/** A FHIR `date` with day precision (`YYYY-MM-DD`), the only form a DATE column holds. */
export const DAY_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
