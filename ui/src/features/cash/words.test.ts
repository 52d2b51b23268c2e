// Methods and entry kinds in the desk's words, and unknown ones as they came.
import { describe, expect, it } from 'vitest';
import { translator } from '../../lib/i18n/translator';
import { kindName, methodName } from './words';

describe('the cash box’s words', () => {
  const en = translator('en');
  const de = translator('de');

  it('name every payment method the api sends', () => {
    expect(['cash', 'card', 'voucher', 'comp'].map((m) => methodName(m, en))).toEqual(['Cash', 'Card', 'Voucher', 'Complimentary']);
    expect(methodName('card', de)).toBe('Karte');
  });

  it('name every kind of ledger entry', () => {
    const kinds = ['float', 'sale', 'rounding', 'refund', 'void', 'pay_in', 'pay_out', 'deposit', 'count', 'difference'];
    for (const kind of kinds) expect(kindName(kind, en)).not.toBe(kind);
    expect(kindName('pay_out', en)).toBe('Paid out');
  });

  it('show a name the desk does not know as it came', () => {
    expect(methodName('bitcoin', en)).toBe('bitcoin');
    expect(kindName('tip', de)).toBe('tip');
  });
});
