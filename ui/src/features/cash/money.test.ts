// The count text the api reads, the quick amounts, the change shown and
// the signed difference, in currencies with 2, 0 and 3 decimals.
import { describe, expect, it } from 'vitest';
import { differenceText, moneyOf, quickAmounts, readAmount, readCount, readPieces, roundCash, roundingChoices, tender } from './money';
import { translator } from '../../lib/i18n/translator';

const EUR = { currency: 'EUR', exponent: 2 };
const JPY = { currency: 'JPY', exponent: 0 };
const KWD = { currency: 'KWD', exponent: 3 };
const EUR_NOTES = [50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1];
const eur = EUR_NOTES.map((m) => moneyOf(m, EUR));

describe('a count by denomination', () => {
  it('is sent as denomination x pieces in major units, zero rows left out', () => {
    const typed = eur.map(() => '');
    typed[4] = '5'; // 20.00
    typed[5] = '10'; // 10.00
    typed[9] = '4'; // 0.50
    typed[10] = '0';
    expect(readCount(eur, typed)).toEqual({ text: '20.00x5,10.00x10,0.50x4', total: 100_00 + 100_00 + 2_00, invalid: [] });
  });

  it('keeps the currency’s own decimals', () => {
    const yen = [10000, 1000, 500, 1].map((m) => moneyOf(m, JPY));
    expect(readCount(yen, ['', '3', '2', '7'])).toEqual({ text: '1000x3,500x2,1x7', total: 4007, invalid: [] });
    const dinar = [10000, 250, 5].map((m) => moneyOf(m, KWD));
    expect(readCount(dinar, ['1', '4', '3'])).toEqual({ text: '10.000x1,0.250x4,0.005x3', total: 11_015, invalid: [] });
  });

  it('is empty for an empty drawer', () => {
    expect(readCount(eur, [])).toEqual({ text: '', total: 0, invalid: [] });
  });

  it('names the rows that are not a whole number of pieces, and leaves them out', () => {
    const typed = ['2', '-1', '1.5', 'abc', ' 3 ', '1234567'];
    expect(readCount(eur, typed)).toEqual({ text: '500.00x2,20.00x3', total: 1000_00 + 60_00, invalid: [1, 2, 3, 5] });
    expect([readPieces(undefined), readPieces(null), readPieces(' '), readPieces('007')]).toEqual([0, 0, 0, 7]);
  });
});

describe('a typed amount', () => {
  it('is read digit by digit, with a point or a comma, never as a float', () => {
    expect(readAmount('50', 2)).toBe(5000);
    expect(readAmount(' 20.00 ', 2)).toBe(2000);
    expect(readAmount('12,5', 2)).toBe(1250);
    expect(readAmount('0.1', 2)).toBe(10);
    expect(readAmount('1.10', 2)).toBe(110);
    expect(readAmount('7.', 2)).toBe(700);
    expect(readAmount('1500', 0)).toBe(1500);
    expect(readAmount('12.345', 3)).toBe(12345);
  });

  it('is refused when it has too many decimals, a sign or other text', () => {
    for (const bad of ['', '1.234', '-5', '+5', '1e3', '5 EUR', '1.2.3', '.5', 'abc']) expect(readAmount(bad, 2), bad).toBeNull();
    expect(readAmount('1.5', 0)).toBeNull();
  });
});

describe('cash rounding', () => {
  it('rounds to the nearest step, halves up, as the api does', () => {
    expect(roundCash(2499, 5)).toBe(2500);
    expect(roundCash(1247, 5)).toBe(1245);
    expect(roundCash(1248, 5)).toBe(1250);
    expect(roundCash(1250, 100)).toBe(1300);
    expect(roundCash(1249, 100)).toBe(1200);
    expect(roundCash(1249, 1)).toBe(1249);
  });
});

describe('the roundings a lead may choose', () => {
  it('are 0.05, 0.10 and 1.00 in a currency with cents, whole amounts in one without', () => {
    expect(roundingChoices(2)).toEqual([5, 10, 100]);
    expect(roundingChoices(3)).toEqual([50, 100, 1000]);
    expect(roundingChoices(0)).toEqual([10, 100]);
  });
});

describe('the quick amounts', () => {
  it('are the exact amount and the next round amounts, at most four (as lanyard-core has them)', () => {
    expect(quickAmounts(1250, 1, EUR_NOTES)).toEqual([1250, 1500, 2000, 5000]);
    expect(quickAmounts(2500, 1, EUR_NOTES)).toEqual([2500, 3000, 4000, 5000]);
    expect(quickAmounts(1500, 1, [10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 1])).toEqual([1500, 2000, 5000, 10000]);
    expect(quickAmounts(0, 1, EUR_NOTES)).toEqual([0]);
  });

  it('start from the rounded amount', () => {
    expect(quickAmounts(2499, 5, EUR_NOTES)[0]).toBe(2500);
    expect(quickAmounts(2499, 5, EUR_NOTES)).toEqual([2500, 3000, 4000, 5000]);
  });

  it('are fewer when few notes are above the amount', () => {
    expect(quickAmounts(60000, 1, EUR_NOTES)).toEqual([60000, 80000, 100000]);
    expect(quickAmounts(900_000, 1, EUR_NOTES)).toEqual([900_000]);
  });
});

describe('the change shown while the volunteer types', () => {
  it('is what was handed over minus the rounded price', () => {
    expect(tender(2500, 1, '40', 2)).toEqual({ kind: 'change', due: 2500, tendered: 4000, change: 1500 });
    expect(tender(2499, 5, '30', 2)).toEqual({ kind: 'change', due: 2500, tendered: 3000, change: 500 });
    expect(tender(1500, 1, '2000', 0)).toEqual({ kind: 'change', due: 1500, tendered: 2000, change: 500 });
    expect(tender(12_345, 1, '20', 3)).toEqual({ kind: 'change', due: 12_345, tendered: 20_000, change: 7_655 });
  });

  it('is none for the exact amount or an empty field', () => {
    expect(tender(2500, 1, '25.00', 2)).toEqual({ kind: 'change', due: 2500, tendered: 2500, change: 0 });
    expect(tender(2500, 1, '  ', 2)).toEqual({ kind: 'exact', due: 2500 });
  });

  it('says what is missing, or that the text is no amount, never a negative change', () => {
    expect(tender(2500, 1, '20', 2)).toEqual({ kind: 'short', due: 2500, tendered: 2000, missing: 500 });
    expect(tender(2500, 1, '20.005', 2)).toEqual({ kind: 'unreadable', due: 2500 });
  });
});

describe('a closing difference', () => {
  const en = translator('en', 'en-GB');
  it('carries its sign', () => {
    expect(differenceText(moneyOf(100, EUR), en)).toBe('+€1.00');
    expect(differenceText(moneyOf(-600, EUR), en)).toBe('-€6.00');
    expect(differenceText(moneyOf(0, EUR), en)).toBe('€0.00');
    expect(differenceText(moneyOf(-1250, KWD), en)).toMatch(/^-KWD\s1\.250$/);
  });
});
