// The cash box's arithmetic on the screen: a count as the text the api
// reads (`20x5,10x10,0.50x4`), its running total, the cash rounding, the
// quick amounts beside "Amount handed over" and the change to show while
// the volunteer types. Everything is whole minor units; typed amounts are
// read as text, digit by digit, never through a float. For display only:
// the api computes and books the sale itself, and its receipt is the truth.
// Pure, tested in money.test.ts.
import type { MoneyDto } from '../../api/desk';
import { decimalText } from '../../lib/format';
import type { Translator } from '../../lib/i18n/translator';

/** An amount of the event's currency, in minor units. */
export function moneyOf(minor: number, like: { currency: string; exponent: number }): MoneyDto {
  return { minor, currency: like.currency, exponent: like.exponent };
}

/** Pieces are typed as whole numbers; more than this is no drawer. */
const MAX_PIECES_DIGITS = 6;

/** A typed number of pieces: 0 for an empty field, the number for 0 or more whole pieces, null for anything else. */
export function readPieces(typed: string | null | undefined): number | null {
  const text = (typed ?? '').trim();
  if (text === '') return 0;
  return new RegExp(`^\\d{1,${MAX_PIECES_DIGITS}}$`).test(text) ? Number(text) : null;
}

/** A count read from the grid: the text for the api, the total in minor units, and the rows that are not a number of pieces. */
export interface CountReading {
  /** `20x5,10x10,0.50x4`: each denomination in major units with the currency's decimals, `x`, the pieces; rows of 0 left out. */
  text: string;
  /** What the pieces add up to, in minor units. */
  total: number;
  /** Indexes of the rows whose text is not a whole number of 0 or more. */
  invalid: number[];
}

/** Reads the grid: `typed[i]` is the text typed beside `denominations[i]`. */
export function readCount(denominations: readonly MoneyDto[], typed: readonly (string | null | undefined)[]): CountReading {
  const parts: string[] = [];
  const invalid: number[] = [];
  let total = 0;
  denominations.forEach((d, i) => {
    const pieces = readPieces(typed[i]);
    if (pieces === null) {
      invalid.push(i);
    } else if (pieces > 0) {
      parts.push(`${decimalText(d.minor, d.exponent)}x${pieces}`);
      total += d.minor * pieces;
    }
  });
  return { text: parts.join(','), total, invalid };
}

/**
 * A typed amount in minor units, read as the api reads it: digits, one
 * decimal point or comma, at most `exponent` decimals ("50", "20.00",
 * "12,5"). Null for anything else, a negative amount included (nothing at
 * the cash box is typed negative).
 */
export function readAmount(typed: string, exponent: number): number | null {
  const text = typed.trim().replace(',', '.');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return null;
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (fraction.length > exponent || whole.length > 12) return null;
  return Number(whole + fraction.padEnd(exponent, '0'));
}

/** `amount` rounded to the nearest multiple of `step` (halves up), as the api rounds cash; a step of 1 or less leaves it as it is. */
export function roundCash(amount: number, step: number): number {
  if (step <= 1) return amount;
  const remainder = ((amount % step) + step) % step;
  const down = amount - remainder;
  return remainder * 2 >= step ? down + step : down;
}

/**
 * The quick buttons beside "Amount handed over", as `lanyard_core::cash::
 * tender::quick_amounts` has them: the exact (rounded) amount, then for
 * each denomination at least a fifth of it the next multiple above it,
 * smallest first, four at most.
 */
export function quickAmounts(due: number, step: number, denominations: readonly number[]): number[] {
  const exact = roundCash(Math.max(due, 0), step);
  if (exact === 0) return [0];
  const ups = [...new Set(denominations.filter((d) => d > 0 && d * 5 >= exact).map((d) => (Math.floor(exact / d) + 1) * d))]
    .filter((up) => up > exact)
    .sort((a, b) => a - b);
  return [exact, ...ups].slice(0, 4);
}

/** What the change display shows for the amount typed so far. */
export type TenderView =
  /** Nothing typed: the exact amount is taken, no change. */
  | { kind: 'exact'; due: number }
  | { kind: 'change'; due: number; tendered: number; change: number }
  /** Less than the amount due was typed. */
  | { kind: 'short'; due: number; tendered: number; missing: number }
  /** The text is no amount. */
  | { kind: 'unreadable'; due: number };

/** The change for a cash sale at `price` with cash rounding `step`, when `typed` was handed over. */
export function tender(price: number, step: number, typed: string, exponent: number): TenderView {
  const due = roundCash(price, step);
  if (typed.trim() === '') return { kind: 'exact', due };
  const tendered = readAmount(typed, exponent);
  if (tendered === null) return { kind: 'unreadable', due };
  if (tendered < due) return { kind: 'short', due, tendered, missing: due - tendered };
  return { kind: 'change', due, tendered, change: tendered - due };
}

/** A difference with its sign: "+€1.00" over, "-€6.00" short, "€0.00" even. */
export function differenceText(m: MoneyDto, tr: Translator): string {
  return m.minor > 0 ? `+${tr.money(m)}` : tr.money(m);
}

/**
 * The cash roundings a lead may choose, in minor units: 0.05, 0.10 and
 * 1.00 where the currency has cents (50, 100 and 1000 fils for three
 * decimals), 10 and 100 where it has none (yen).
 */
export function roundingChoices(exponent: number): number[] {
  const scale = 10 ** exponent;
  const choices = [5, 10, 100].map((hundredths) => (hundredths * scale) / 100).filter((m) => Number.isInteger(m) && m > 1);
  return choices.length > 0 ? choices : [10, 100];
}
