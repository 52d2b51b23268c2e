import { describe, expect, it } from 'vitest';
import { decimalText, formatMoney, formatTime } from './format';

// Intl separates a currency code from the digits with a no-break space.
const nbsp = '\u00a0';

describe('formatMoney', () => {
  it('shows euros with two decimals', () => {
    expect(formatMoney({ minor: 2500, currency: 'EUR', exponent: 2 }, 'en-GB')).toBe('€25.00');
  });

  it('shows yen without decimals (exponent 0)', () => {
    expect(formatMoney({ minor: 1500, currency: 'JPY', exponent: 0 }, 'en-GB')).toBe('JP¥1,500');
  });

  it('shows dinars with three decimals (exponent 3)', () => {
    expect(formatMoney({ minor: 1250, currency: 'KWD', exponent: 3 }, 'en-GB')).toBe(`KWD${nbsp}1.250`);
  });

  it('keeps the sign of a negative amount (a refund)', () => {
    expect(formatMoney({ minor: -2500, currency: 'EUR', exponent: 2 }, 'en-GB')).toBe('-€25.00');
    expect(formatMoney({ minor: -5, currency: 'EUR', exponent: 2 }, 'en-GB')).toBe('-€0.05');
  });

  it('follows the locale for separators and symbol position', () => {
    expect(formatMoney({ minor: 123450, currency: 'EUR', exponent: 2 }, 'de-DE')).toBe(`1.234,50${nbsp}€`);
  });

  it('keeps every digit of a large amount', () => {
    expect(formatMoney({ minor: Number.MAX_SAFE_INTEGER, currency: 'EUR', exponent: 2 }, 'en-GB')).toBe(
      '€90,071,992,547,409.91',
    );
  });

  it('still shows the exact amount for a currency code Intl does not know', () => {
    expect(formatMoney({ minor: 2500, currency: 'not a code', exponent: 2 }, 'en-GB')).toBe('25.00 not a code');
  });
});

describe('decimalText', () => {
  it('builds the decimal from the integer, never by float division', () => {
    expect(decimalText(2500, 2)).toBe('25.00');
    expect(decimalText(1500, 0)).toBe('1500');
    expect(decimalText(1250, 3)).toBe('1.250');
    expect(decimalText(5, 3)).toBe('0.005');
    expect(decimalText(-5, 2)).toBe('-0.05');
    expect(decimalText(0, 2)).toBe('0.00');
    // 0.1 + 0.2 style trouble: 1.15 * 100 is 114.99999999999999 as a float.
    expect(decimalText(115, 2)).toBe('1.15');
  });
});

describe('formatTime', () => {
  it('shows hours and minutes in the desk’s own time zone', () => {
    const at = '2026-11-22T09:14:00.000Z';
    const local = new Date(at);
    const two = (n: number) => String(n).padStart(2, '0');
    expect(formatTime(at, 'en-GB')).toBe(`${two(local.getHours())}:${two(local.getMinutes())}`);
  });

  it('shows the same instant the same way whatever offset it was written with', () => {
    expect(formatTime('2026-11-22T10:14:00.000+01:00', 'en-GB')).toBe(formatTime('2026-11-22T09:14:00.000Z', 'en-GB'));
  });

  it('keeps text that is not a time as it is', () => {
    expect(formatTime('not a time')).toBe('not a time');
  });
});
