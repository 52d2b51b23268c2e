// Money and times for the volunteer's locale. The api sends data (money as
// minor units plus currency and exponent, times as RFC 3339 instants); only
// the UI turns them into text. Pure, tested in format.test.ts.
import type { MoneyDto } from '../api/desk';

const moneyFormats = new Map<string, Intl.NumberFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The exact decimal text of an amount in minor units, built from the
 * integer's digits rather than by float division: 2500 with exponent 2 is
 * "25.00", 1250 with exponent 3 is "1.250", -5 with exponent 2 is "-0.05".
 */
export function decimalText(minor: number, exponent: number): string {
  // BigInt spells out every digit of a whole number (String(1e21) would not).
  const digits = BigInt(Math.trunc(Math.abs(minor))).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  const sign = minor < 0 ? '-' : '';
  return exponent > 0 ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}

/** An amount with its currency for `locale` (the desk's own by default): "€25.00", "JP¥1,500", "KWD 1.250". */
export function formatMoney(m: MoneyDto, locale?: string): string {
  if (!Number.isInteger(m.minor) || !Number.isInteger(m.exponent) || m.exponent < 0 || m.exponent > 20) {
    // No currency has such an exponent; say plainly what arrived rather than guess an amount.
    return `${m.minor} ${m.currency} (minor units, exponent ${m.exponent})`;
  }
  const text = decimalText(m.minor, m.exponent);
  try {
    const key = `${locale ?? ''}|${m.currency}|${m.exponent}`;
    let format = moneyFormats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: m.currency,
        minimumFractionDigits: m.exponent,
        maximumFractionDigits: m.exponent,
      });
      moneyFormats.set(key, format);
    }
    // Intl.NumberFormat formats a decimal string exactly (ES2023); the ES2022
    // types used here only declare numbers. An older engine converts the
    // string to the nearest number, which rounds back to the same digits.
    return (format as unknown as { format(value: string): string }).format(text);
  } catch {
    // A currency code Intl does not know: the amount is still exact.
    return `${text} ${m.currency}`;
  }
}

/** The local time of day of an RFC 3339 instant, hours and minutes ("09:14"); other text is kept as it is. */
export function formatTime(rfc3339: string, locale?: string): string {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) return rfc3339;
  const key = locale ?? '';
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
    timeFormats.set(key, format);
  }
  return format.format(date);
}
