import { describe, expect, it } from '@jest/globals';
import { parseAppLimits } from './app-limits.form.js';

describe('parseAppLimits', () => {
  it('reads whole numbers in range; blank is the default (null)', () => {
    expect(parseAppLimits({ ratePerMinute: '120', concurrent: ' 4 ' })).toEqual({ ratePerMinute: 120, concurrent: 4 });
    expect(parseAppLimits({ ratePerMinute: '', concurrent: '' })).toEqual({ ratePerMinute: null, concurrent: null });
    expect(parseAppLimits({})).toEqual({ ratePerMinute: null, concurrent: null });
  });

  it.each([
    [{ ratePerMinute: '0' }, /Requests per minute/],
    [{ ratePerMinute: '1.5' }, /Requests per minute/],
    [{ ratePerMinute: '100001' }, /Requests per minute/],
    [{ ratePerMinute: 'abc' }, /Requests per minute/],
    [{ concurrent: '0' }, /Requests at once/],
    [{ concurrent: '1001' }, /Requests at once/],
    [{ concurrent: ['2', '3'] }, null],
  ])('refuses %j', (form, message) => {
    const r = parseAppLimits(form as Record<string, unknown>);
    if (message) expect(r).toMatch(message);
    // A crafted array is not a value: it reads as blank (the default), never as a number.
    else expect(r).toEqual({ ratePerMinute: null, concurrent: null });
  });
});
