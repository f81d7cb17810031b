/**
 * The `Prefer` request header (RFC 7240) as FHIR uses it (https://hl7.org/fhir/R4/http.html#prefer,
 * https://hl7.org/fhir/R4/search.html#errors): `handling=strict|lenient` and `return=minimal|representation|OperationOutcome`.
 */

/** The FHIR-relevant preferences of a request. */
export interface FhirPreferences {
  /** `lenient`: ignore unknown search parameters (see `SearchParseOptions.lenient`). Default strict. */
  handling: 'strict' | 'lenient';
  /** What a create/update should return; undefined when not stated. */
  return?: 'minimal' | 'representation' | 'OperationOutcome';
  /** `respond-async` was asked for. */
  respondAsync: boolean;
}

/**
 * Reads one or more `Prefer` header values (comma-separated preferences, `;` parameters ignored). Unknown or
 * malformed preferences are ignored, as RFC 7240 requires; the first occurrence of a preference wins.
 */
export function parsePrefer(header: string | readonly string[] | undefined | null): FhirPreferences {
  const out: FhirPreferences = { handling: 'strict', respondAsync: false };
  if (!header) return out;
  const seen = new Set<string>();
  for (const value of typeof header === 'string' ? [header] : header) {
    for (const item of value.split(',')) {
      const pref = item.split(';')[0].trim();
      const eq = pref.indexOf('=');
      const name = (eq < 0 ? pref : pref.slice(0, eq)).trim().toLowerCase();
      const val = eq < 0 ? '' : pref.slice(eq + 1).trim().replace(/^"|"$/g, '');
      if (!name || seen.has(name)) continue;
      seen.add(name);
      if (name === 'handling' && (val === 'lenient' || val === 'strict')) out.handling = val;
      else if (name === 'return' && (val === 'minimal' || val === 'representation' || val === 'OperationOutcome')) out.return = val;
      else if (name === 'respond-async') out.respondAsync = true;
    }
  }
  return out;
}
