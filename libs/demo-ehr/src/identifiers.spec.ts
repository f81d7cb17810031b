import { describe, expect, it } from '@jest/globals';
import { gs1Udi, gtin14, gtinCheckDigit, isValidNpi, luhnCheckDigit, npiFromBase, parseGs1Udi } from './identifiers.js';
import { Coverage, Rng } from './random.js';
import { addMinutes, ageOn, dateOf, dayOf, wallClock, yymmdd } from './time.js';

describe('identifier check digits', () => {
  it('NPI: Luhn over 80840 + the first nine digits (CMS example 1234567893)', () => {
    expect(npiFromBase('123456789')).toBe('1234567893');
    expect(isValidNpi('1234567893')).toBe(true);
    expect(isValidNpi('1234567890')).toBe(false);
    expect(luhnCheckDigit('7992739871')).toBe(3); // the classic Luhn example
  });

  it('GTIN: GS1 mod-10 check digit, and the GS1 UDI round-trips', () => {
    expect(gtinCheckDigit('0084458800328')).toBe(8); // (01)00844588003288 from the README example
    expect(gtin14('0084458800328')).toBe('00844588003288');
    const udi = gs1Udi({ gtin: '00844588003288', mfg: '240110', exp: '261120', lot: '7654321D', serial: '10987654d321' });
    expect(udi).toBe('(01)00844588003288(11)240110(17)261120(10)7654321D(21)10987654d321');
    expect(parseGs1Udi(udi)).toEqual({ gtin: '00844588003288', mfg: '240110', exp: '261120', lot: '7654321D', serial: '10987654d321' });
    expect(parseGs1Udi('(01)00844588003288(17)141120(10)7654321D(21)10987654d321')).toEqual(
      { gtin: '00844588003288', mfg: undefined, exp: '141120', lot: '7654321D', serial: '10987654d321' });
    expect(() => parseGs1Udi('(10)LOT')).toThrow(/GS1/);
  });
});

describe('deterministic randomness and coverage', () => {
  it('the same seed and stream give the same sequence; other streams differ', () => {
    const seq = (r: Rng) => Array.from({ length: 5 }, () => r.int(0, 1_000_000));
    expect(seq(new Rng(42, 3))).toEqual(seq(new Rng(42, 3)));
    expect(seq(new Rng(42, 3))).not.toEqual(seq(new Rng(42, 4)));
    expect(seq(new Rng(43, 3))).not.toEqual(seq(new Rng(42, 3)));
    const r = new Rng(1);
    for (let i = 0; i < 1000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it('coverage forces each unseen rare code once, then uses the fallback; disabled coverage neither forces nor records', () => {
    const c = new Coverage();
    expect(['a', 'b', 'c', 'd'].map(() => c.pickOr('k', ['x', 'y'], 'n'))).toEqual(['x', 'y', 'n', 'n']);
    expect(c.missing('k', 'x')).toBe(false);
    const off = new Coverage();
    off.enabled = false;
    expect(off.pickOr('k', ['x'], 'n')).toBe('n');
    off.enabled = true;
    expect(off.missing('k', 'n')).toBe(true);
  });
});

describe('calendar arithmetic never uses the process time zone', () => {
  it('formats and adds on wall-clock fields (DST days included)', () => {
    expect(dateOf(dayOf('2024-03-10'))).toBe('2024-03-10');
    expect(wallClock(dayOf('2024-03-10'), 150)).toBe('2024-03-10T02:30:00');
    expect(addMinutes('2024-11-03T01:30:00', 60)).toBe('2024-11-03T02:30:00');
    expect(addMinutes('2024-12-31T23:50:00', 20)).toBe('2025-01-01T00:10:00');
    expect(ageOn(dayOf('2000-02-29'), dayOf('2024-02-28'))).toBe(23);
    expect(yymmdd(dayOf('2026-11-20'))).toBe('261120');
  });
});
