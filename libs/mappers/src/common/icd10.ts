/**
 * ICD-10-CM as stored in the legacy database (no dot: `E119`) -> the published form (`E11.9`). The dot goes after
 * the third character; codes of three characters have none. Returns `undefined` for blank or malformed input.
 */
export function formatIcd10Cm(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  const c = code.trim().toUpperCase().replace('.', '');
  if (!/^[A-Z][0-9][0-9A-Z]([0-9A-Z]{1,4})?$/.test(c)) return undefined;
  return c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
}
