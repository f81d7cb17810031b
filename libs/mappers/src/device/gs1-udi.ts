/**
 * GS1 UDI human-readable form (`(01)00844588003288(17)141120(10)7654321D(21)10987654d321`): the Application
 * Identifiers that an FDA UDI carries, parsed strictly. A string that is not a well-formed GS1 HRF gives
 * `undefined` (with the reason), so the caller keeps the raw text and never trusts half a parse.
 */

/** The UDI parts US Core Implantable Device asks for (dates as FHIR dates). */
export interface Gs1Udi {
  /** AI (01): the GTIN-14, the device identifier (UDI-DI). */
  deviceIdentifier: string;
  /** AI (11): production (manufacture) date. */
  manufactureDate?: string;
  /** AI (17), or the date part of AI (7003) (expiration date and time; the time has no zone and is left out). */
  expirationDate?: string;
  /** AI (10): batch / lot number. */
  lotNumber?: string;
  /** AI (21): serial number. */
  serialNumber?: string;
}

/** Why a UDI string did not parse (a fixed code, never the UDI itself). */
export type Gs1UdiProblem = 'NOT_GS1_HRF' | 'NO_DEVICE_IDENTIFIER' | 'BAD_GTIN' | 'BAD_DATE' | 'BAD_VALUE' | 'REPEATED_AI';

export type Gs1UdiResult = { ok: true; udi: Gs1Udi } | { ok: false; problem: Gs1UdiProblem };

/** AIs that may follow the DI in a medical-device UDI, with the syntax of their data (GS1 General Specifications). */
const AI_SYNTAX: Record<string, RegExp> = {
  '01': /^\d{14}$/,
  '11': /^\d{6}$/,
  '17': /^\d{6}$/,
  '7003': /^\d{10}$/,
  '10': /^[!-~]{1,20}$/,
  '21': /^[!-~]{1,20}$/,
  // Other AIs seen on device labels; accepted and ignored (not UDI-PI elements of US Core).
  '30': /^\d{1,8}$/,
  '240': /^[!-~]{1,30}$/,
  '241': /^[!-~]{1,30}$/,
  '8003': /^\d{14}[!-~]{0,16}$/,
  '8004': /^[!-~]{1,30}$/,
  '8006': /^\d{18}$/,
};

/** GS1 mod-10 check digit of a GTIN-14 (the last digit over the first 13). */
export function gtinCheckDigitValid(gtin14: string): boolean {
  if (!/^\d{14}$/.test(gtin14)) return false;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(gtin14[i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === Number(gtin14[13]);
}

/**
 * GS1 date `YYMMDD` -> FHIR date. Years are read as 20YY (UDI labelling started in 2014; the GS1 sliding
 * century window would need a clock, which mappers do not have). Day `00` means "end of the month" in GS1:
 * the FHIR value is then the month (`YYYY-MM`).
 */
export function gs1Date(yymmdd: string): string | undefined {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  if (!m) return undefined;
  const year = 2000 + Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) return undefined;
  const ym = `${year}-${m[2]}`;
  if (day === 0) return ym;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= last ? `${ym}-${m[3]}` : undefined;
}

/**
 * Parses the GS1 human-readable form: `(AI)data` pairs, the first being (01). Strict: unknown AIs, a wrong
 * GTIN check digit, an impossible date, a repeated AI or text outside the pairs make the whole string
 * unparsed. Blanks around the string and around the parentheses (a label typed by hand) are ignored.
 */
export function parseGs1Udi(raw: string): Gs1UdiResult {
  // A label typed by hand often has blanks between the elements: `(01) 00844588003288 (17) 141120`.
  const udi = raw.trim().replace(/\s*\(\s*/g, '(').replace(/\s*\)\s*/g, ')');
  if (!/^(\(\d{2,4}\)[^()]+)+$/.test(udi)) return { ok: false, problem: 'NOT_GS1_HRF' };
  const parts = new Map<string, string>();
  for (const m of udi.matchAll(/\((\d{2,4})\)([^()]+)/g)) {
    const [, ai, data] = m;
    const syntax = AI_SYNTAX[ai];
    if (!syntax) return { ok: false, problem: 'NOT_GS1_HRF' };
    if (parts.has(ai)) return { ok: false, problem: 'REPEATED_AI' };
    if (!syntax.test(data)) return { ok: false, problem: ai === '11' || ai === '17' || ai === '7003' ? 'BAD_DATE' : ai === '01' ? 'BAD_GTIN' : 'BAD_VALUE' };
    parts.set(ai, data);
  }
  const di = parts.get('01');
  if (!di || !udi.startsWith('(01)')) return { ok: false, problem: 'NO_DEVICE_IDENTIFIER' };
  if (!gtinCheckDigitValid(di)) return { ok: false, problem: 'BAD_GTIN' };
  const result: Gs1Udi = { deviceIdentifier: di };
  const mfg = parts.get('11');
  const exp = parts.get('17');
  const expTime = parts.get('7003');
  if (mfg !== undefined) {
    result.manufactureDate = gs1Date(mfg);
    if (!result.manufactureDate) return { ok: false, problem: 'BAD_DATE' };
  }
  const expiry = exp ?? expTime?.slice(0, 6);
  if (expiry !== undefined) {
    result.expirationDate = gs1Date(expiry);
    if (!result.expirationDate) return { ok: false, problem: 'BAD_DATE' };
  }
  if (parts.has('10')) result.lotNumber = parts.get('10');
  if (parts.has('21')) result.serialNumber = parts.get('21');
  return { ok: true, udi: result };
}
