import type { Address, ContactPoint, HumanName } from './fhir-types.js';
import { compact, text } from './flags.js';

/**
 * A US phone number as stored (digits only, `6175550100`) -> `(617) 555-0100`; other digit strings are kept as
 * they are (an extension or a foreign number is still better than nothing). `undefined` for blank.
 */
export function formatPhone(digits: string | null | undefined): string | undefined {
  const t = text(digits);
  if (!t) return undefined;
  const d = t.replace(/\D/g, '');
  const national = d.length === 11 && d.startsWith('1') ? d.slice(1) : d;
  if (national.length === 10) return `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`;
  return t;
}

/** A `phone` ContactPoint, or `undefined` when the column is blank. */
export function phone(digits: string | null | undefined, use?: ContactPoint['use'], system: 'phone' | 'fax' = 'phone'): ContactPoint | undefined {
  const value = formatPhone(digits);
  return value ? compact({ system, value, use }) : undefined;
}

/** An `email` ContactPoint, or `undefined` when the column is blank. */
export function email(value: string | null | undefined, use?: ContactPoint['use']): ContactPoint | undefined {
  const v = text(value);
  return v ? compact({ system: 'email' as const, value: v, use }) : undefined;
}

/** Legacy address columns (any may be NULL). */
export interface AddressColumns {
  ADDR1?: string | null;
  ADDR2?: string | null;
  CITY?: string | null;
  STATE?: string | null;
  ZIP?: string | null;
  COUNTY?: string | null;
}

/** A US Address from legacy columns, or `undefined` when every column is blank. */
export function address(cols: AddressColumns, use?: Address['use']): Address | undefined {
  const line = [text(cols.ADDR1), text(cols.ADDR2)].filter((l): l is string => !!l);
  const result: Address = compact({
    use,
    line,
    city: text(cols.CITY),
    district: text(cols.COUNTY),
    state: text(cols.STATE)?.toUpperCase(),
    postalCode: text(cols.ZIP),
  });
  const hasData = Object.keys(result).some((k) => k !== 'use');
  return hasData ? { ...result, country: 'US' } : undefined;
}

/** Name parts of a person row. */
export interface NameParts {
  family: string | null | undefined;
  given?: Array<string | null | undefined>;
  prefix?: string | null;
  suffix?: string | null;
  use?: HumanName['use'];
}

/** A HumanName with a `text` rendering; blank parts are dropped. `undefined` when no part has a value. */
export function humanName(parts: NameParts): HumanName | undefined {
  const family = text(parts.family);
  const given = (parts.given ?? []).map((g) => text(g)).filter((g): g is string => !!g);
  const prefix = text(parts.prefix);
  const suffix = text(parts.suffix);
  if (!family && given.length === 0) return undefined;
  const rendered = [prefix, ...given, family].filter(Boolean).join(' ') + (suffix ? `, ${suffix}` : '');
  return compact({
    use: parts.use,
    text: rendered,
    family,
    given,
    prefix: prefix ? [prefix] : undefined,
    suffix: suffix ? [suffix] : undefined,
  });
}

/** Keeps the defined entries of a list. */
export function present<T>(...items: Array<T | undefined | null>): T[] {
  return items.filter((i): i is T => i !== undefined && i !== null);
}
