/** Value helpers shared by the Patient reverse mappers (PATIENT and PAT_CONTACT columns). */
import type { WriteIssue } from '../common/reverse.js';

/** JSON of a value without `display` and with sorted keys: what "unchanged" means for a served element. */
export function canonical(v: unknown): string {
  return JSON.stringify(v ?? null, (k, x) => (k === 'display' ? undefined : x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
}

/** A trimmed text for a column of `max` characters (longer: an issue); blank -> null. */
export function fit(value: string | undefined, max: number, expression: string, issues: WriteIssue[]): string | null {
  const v = value?.trim();
  if (!v) return null;
  if (v.length > max) issues.push({ code: 'not-supported', expression, diagnostics: `At most ${max} characters can be stored` });
  return v;
}

/** A US phone number as the EHR stores it (10 digits; a leading 1 dropped), or an issue. */
export function usPhone(value: string | undefined, expression: string, issues: WriteIssue[]): string | null {
  const digits = (value ?? '').replace(/\D/g, '');
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  if (national.length !== 10) {
    issues.push({ code: 'value', expression, diagnostics: 'A US phone number of 10 digits is required' });
    return null;
  }
  return national;
}
