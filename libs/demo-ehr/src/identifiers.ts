/** Check-digit arithmetic for the identifiers the demo data carries (NPI, GTIN) and GS1 UDI strings. */

/** Luhn check digit of a digit string (the digit to append). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A 10-digit NPI from its first 9 digits: the check digit is Luhn over the prefix 80840 + those 9 digits. */
export function npiFromBase(base9: string): string {
  if (!/^\d{9}$/.test(base9)) throw new RangeError('NPI base must be 9 digits');
  return base9 + String(luhnCheckDigit('80840' + base9));
}

/** True for a 10-digit NPI whose check digit is valid. */
export function isValidNpi(npi: string): boolean {
  return /^\d{10}$/.test(npi) && npiFromBase(npi.slice(0, 9)) === npi;
}

/** GS1 mod-10 check digit (weights 3,1,3,... from the right) of a GTIN without its check digit. */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

/** A GTIN-14 from 13 digits. */
export function gtin14(body13: string): string {
  if (!/^\d{13}$/.test(body13)) throw new RangeError('GTIN-14 body must be 13 digits');
  return body13 + String(gtinCheckDigit(body13));
}

/** The parts of a GS1 UDI (dates as YYMMDD). */
export interface Gs1UdiParts {
  gtin: string;
  mfg?: string;
  exp?: string;
  lot?: string;
  serial?: string;
}

/** GS1 human-readable UDI: `(01)gtin(11)mfg(17)exp(10)lot(21)serial`, parts in that order when present. */
export function gs1Udi(p: Gs1UdiParts): string {
  let s = `(01)${p.gtin}`;
  if (p.mfg) s += `(11)${p.mfg}`;
  if (p.exp) s += `(17)${p.exp}`;
  if (p.lot) s += `(10)${p.lot}`;
  if (p.serial) s += `(21)${p.serial}`;
  return s;
}

/** Parses a GS1 human-readable UDI back into its parts (test and consumer helper). */
export function parseGs1Udi(udi: string): Gs1UdiParts {
  const parts: Record<string, string> = {};
  for (const m of udi.matchAll(/\((\d{2})\)([^(]*)/g)) parts[m[1]] = m[2];
  if (!parts['01']) throw new RangeError('Not a GS1 UDI (no (01) device identifier)');
  return { gtin: parts['01'], mfg: parts['11'], exp: parts['17'], lot: parts['10'], serial: parts['21'] };
}

const HIBCC_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%';

/** HIBCC mod-43 check character of `data` (every character from the leading `+`). */
export function hibccCheckChar(data: string): string {
  let sum = 0;
  for (const ch of data) {
    const v = HIBCC_CHARS.indexOf(ch);
    if (v < 0) throw new RangeError('Character outside the HIBCC set');
    sum += v;
  }
  return HIBCC_CHARS[sum % 43];
}

/**
 * HIBCC UDI (the other FDA issuing agency, which some device makers use; not GS1): primary data
 * `+<LIC><product code><unit of measure>`, then `/$$3<expiry YYMMDD><lot>`, `/S<serial>`, `/16D<mfg YYYYMMDD>`,
 * closed by the mod-43 check character. Dates as YYMMDD like the GS1 parts.
 */
export function hibccUdi(p: { labeler: string; product: string; exp?: string; lot?: string; serial?: string; mfg?: string }): string {
  let s = `+${p.labeler}${p.product}0`;
  if (p.exp || p.lot) s += `/$$3${p.exp ?? ''}${p.lot ?? ''}`;
  if (p.serial) s += `/S${p.serial}`;
  if (p.mfg) s += `/16D20${p.mfg}`;
  return s + hibccCheckChar(s);
}
