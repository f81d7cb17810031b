import { describe, expect, it } from '@jest/globals';
import { gs1Date, gtinCheckDigitValid, parseGs1Udi } from './gs1-udi.js';

describe('parseGs1Udi: real GS1 UDIs', () => {
  it.each([
    {
      name: 'legacy README / FDA example: expiry, lot, serial',
      udi: '(01)00844588003288(17)141120(10)7654321D(21)10987654d321',
      expect: { deviceIdentifier: '00844588003288', expirationDate: '2014-11-20', lotNumber: '7654321D', serialNumber: '10987654d321' },
    },
    {
      name: 'US Core Device-udi-1 (GTIN with a GS1 prefix 950)',
      udi: '(01)09504000059118(17)141120(10)7654321D(21)10987654d321',
      expect: { deviceIdentifier: '09504000059118', expirationDate: '2014-11-20', lotNumber: '7654321D', serialNumber: '10987654d321' },
    },
    {
      name: 'FDA GUDID style: manufacture and expiry dates',
      udi: '(01)10884521062856(11)141231(17)150707(10)A213B1(21)1234',
      expect: { deviceIdentifier: '10884521062856', manufactureDate: '2014-12-31', expirationDate: '2015-07-07', lotNumber: 'A213B1', serialNumber: '1234' },
    },
    {
      name: 'DI and lot only; surrounding blanks ignored',
      udi: '  (01)00643169007222(10)LOT-42/A  ',
      expect: { deviceIdentifier: '00643169007222', lotNumber: 'LOT-42/A' },
    },
    {
      name: 'typed by hand: blanks around the parentheses',
      udi: '(01) 00844588003288 (17) 141120 ( 10 ) 7654321D',
      expect: { deviceIdentifier: '00844588003288', expirationDate: '2014-11-20', lotNumber: '7654321D' },
    },
    {
      name: 'expiry day 00 = end of month: the month only',
      udi: '(01)08717648200274(17)251200(21)SN1',
      expect: { deviceIdentifier: '08717648200274', expirationDate: '2025-12', serialNumber: 'SN1' },
    },
    {
      name: 'AI 7003 (expiry date and time): the date; other label AIs (30, 240) accepted and ignored',
      udi: '(01)00844588003288(7003)2611301530(30)2(240)KIT-7(10)B77',
      expect: { deviceIdentifier: '00844588003288', expirationDate: '2026-11-30', lotNumber: 'B77' },
    },
  ])('$name', ({ udi, expect: parts }) => {
    expect(parseGs1Udi(udi)).toEqual({ ok: true, udi: parts });
  });
});

describe('parseGs1Udi: malformed UDIs give no parse, with the reason', () => {
  it.each([
    { name: 'US Core Device-udi-2: GTIN check digit wrong', udi: '(01)99863313444316(17)220101(10)M320(21)AC221', problem: 'BAD_GTIN' },
    { name: 'US Core Device-udi-3: 12-digit GTIN', udi: '(01)987979879879(11)191015(17)220101(10)M320(21)AC221', problem: 'BAD_GTIN' },
    { name: 'HIBCC form', udi: '+H123PARTNO1/$$420020216LOT123456789/SXYZ456789012345678/16D20130202C', problem: 'NOT_GS1_HRF' },
    { name: 'GS1 element string without parentheses', udi: '010084458800328817141120107654321D', problem: 'NOT_GS1_HRF' },
    { name: 'impossible expiry date (Feb 30)', udi: '(01)00844588003288(17)250230', problem: 'BAD_DATE' },
    { name: 'month 13', udi: '(01)00844588003288(11)251301', problem: 'BAD_DATE' },
    { name: 'lot longer than 20 characters', udi: '(01)00844588003288(10)ABCDEFGHIJKLMNOPQRSTU', problem: 'BAD_VALUE' },
    { name: 'no device identifier', udi: '(17)141120(10)7654321D', problem: 'NO_DEVICE_IDENTIFIER' },
    { name: 'DI not first', udi: '(10)7654321D(01)00844588003288', problem: 'NO_DEVICE_IDENTIFIER' },
    { name: 'repeated AI', udi: '(01)00844588003288(10)A(10)B', problem: 'REPEATED_AI' },
    { name: 'unknown AI', udi: '(01)00844588003288(99)X', problem: 'NOT_GS1_HRF' },
    { name: 'truncated scan', udi: '(01)00844588003288(17', problem: 'NOT_GS1_HRF' },
    { name: 'empty', udi: '', problem: 'NOT_GS1_HRF' },
  ])('$name', ({ udi, problem }) => {
    expect(parseGs1Udi(udi)).toEqual({ ok: false, problem });
  });
});

describe('GS1 helpers', () => {
  it('checks the GTIN-14 mod-10 check digit', () => {
    expect(gtinCheckDigitValid('00844588003288')).toBe(true);
    expect(gtinCheckDigitValid('00844588003287')).toBe(false);
    expect(gtinCheckDigitValid('0084458800328')).toBe(false);
  });
  it('reads YYMMDD dates, leap years included', () => {
    expect(gs1Date('240229')).toBe('2024-02-29');
    expect(gs1Date('250229')).toBeUndefined();
    expect(gs1Date('240200')).toBe('2024-02');
    expect(gs1Date('24022')).toBeUndefined();
  });
});
