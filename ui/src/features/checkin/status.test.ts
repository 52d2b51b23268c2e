import { describe, expect, it } from 'vitest';
import { fromAlreadyCheckedIn, fromError, fromNamesakes, fromReceipt, fromSettle } from './status';
import { formatMoney, formatTime } from '../../lib/format';
import { FSI, PDI, withoutIsolates } from '../../lib/i18n/message';
import { translator } from '../../lib/i18n/translator';
import type { CheckInReceipt, SaleReceipt } from '../../api/desk';

const en = translator('en', 'en-GB');
const de = translator('de', 'de-DE');

const receipt: CheckInReceipt = {
  replayed: false,
  attendee: {
    id: 1,
    display_name: 'José Núñez',
    affiliation: 'PSV',
    hometown: 'Bilbao',
    ticket_type: 'Conference',
    role: 'speaker',
    badge_code: 'MQ402D4EH3',
    note: 'Vegetarian lunch',
    checked_in: { at: '2026-11-22T09:14:00.000Z', desk: 'Desk 1', operator: 'Anna' },
    amount_due: null,
    cancelled: false,
    printed: 0,
    email_hint: '',
  },
  auto_print: null,
};

describe('status after a check-in', () => {
  it('names the person, their role and the note, in green', () => {
    const view = fromReceipt(receipt, en);
    expect(view.tone).toBe('success');
    expect(view.kind).toBe('checked_in');
    expect(withoutIsolates(view.title)).toBe(`Checked in: José Núñez at ${formatTime('2026-11-22T09:14:00.000Z', 'en-GB')}`);
    expect(withoutIsolates(view.detail)).toBe('Speaker · Conference · PSV. Note: Vegetarian lunch');
  });

  it('says it in German, with the role in German and the event’s own words as they are', () => {
    const view = fromReceipt(receipt, de);
    expect(withoutIsolates(view.title)).toBe(`Eingecheckt: José Núñez um ${formatTime('2026-11-22T09:14:00.000Z', 'de-DE')}`);
    expect(withoutIsolates(view.detail)).toBe('Speaker · Conference · PSV. Notiz: Vegetarian lunch');
  });

  it('isolates a right-to-left name so the sentence keeps its order', () => {
    const view = fromReceipt({ ...receipt, attendee: { ...receipt.attendee, display_name: 'محمد' } }, en);
    expect(view.title).toContain(`${FSI}محمد${PDI}`);
  });

  it('says when, where and by whom a duplicate was first checked in', () => {
    const view = fromError(
      {
        code: 'already_checked_in',
        message: 'already',
        prior_check_in: { at: '2026-11-22T09:14:00.000Z', desk: 'Desk 2', operator: 'Anna' },
      },
      en,
    );
    expect(view.tone).toBe('warning');
    expect(view.title).toBe('Already checked in');
    expect(withoutIsolates(view.detail)).toContain(`at ${formatTime('2026-11-22T09:14:00.000Z', 'en-GB')} at Desk 2 by Anna`);
  });

  it('says what was not found, from what was typed', () => {
    const view = fromError({ code: 'unknown_code', message: 'no attendee has the code "X"' }, en, { typed: 'X' });
    expect(view).toEqual({
      kind: 'unknown_code',
      tone: 'error',
      title: 'Not found',
      detail: `Nobody matches “${FSI}X${PDI}”: check the spelling or scan the badge.`,
    });
    expect(fromError({ code: 'unknown_code', message: '…' }, de, { typed: 'X' }).title).toBe('Nicht gefunden');
  });
});

describe('status after a refusal for money due', () => {
  it('names the person and the amount in the desk’s locale', () => {
    const due = { minor: 2500, currency: 'EUR', exponent: 2 };
    const view = fromError(
      { code: 'amount_due', message: 'José Núñez still owes 25.00 EUR', display_name: 'José Núñez', amount_due: due },
      en,
    );
    expect(view.tone).toBe('warning');
    expect(view.title).toBe('Payment needed');
    expect(withoutIsolates(view.detail)).toBe(
      `José Núñez still owes ${formatMoney(due, 'en-GB')}: take the payment, or a lead lets them in now with their PIN.`,
    );
    expect(view.detail).toContain('€25.00');
  });

  it('shows the amount in German formats for a German desk', () => {
    const due = { minor: 2500, currency: 'EUR', exponent: 2 };
    const view = fromError({ code: 'amount_due', message: '…', display_name: 'José Núñez', amount_due: due }, de);
    expect(view.title).toBe('Zahlung nötig');
    expect(withoutIsolates(view.detail)).toBe('José Núñez schuldet noch 25,00\u00a0€: Nehmen Sie die Zahlung an, oder eine Teamleitung lässt die Person jetzt mit ihrer PIN ein.');
  });

  it('still says what to do when the amount is missing, in the desk’s language', () => {
    const view = fromError({ code: 'amount_due', message: 'José Núñez still owes 25.00 EUR' }, en);
    expect(view.detail).toBe('Money is still owed: take the payment, or a lead lets them in now with their PIN.');
  });
});

describe('status after money owed was paid at the desk', () => {
  const eur = (minor: number) => ({ minor, currency: 'EUR', exponent: 2 });
  const settled: SaleReceipt = {
    receipt: 'MQ4-000007',
    attendee: receipt.attendee,
    ticket_type: 'Conference',
    method: 'cash',
    price: eur(2500),
    rounding: eur(0),
    paid: eur(2500),
    tendered: eur(3000),
    change: eur(500),
    reference: null,
    at: '2026-11-22T09:14:00.000Z',
    replayed: false,
    auto_print: null,
  };

  it('says they are paid and in, with the receipt, in green', () => {
    const view = fromSettle(settled, en, 'Cash');
    expect(view).toMatchObject({ kind: 'settled', tone: 'success' });
    expect(withoutIsolates(view.title)).toBe(`Paid and checked in: José Núñez at ${formatTime('2026-11-22T09:14:00.000Z', 'en-GB')}`);
    expect(withoutIsolates(view.detail)).toBe(`Receipt MQ4-000007 · Cash · paid ${formatMoney(eur(2500), 'en-GB')}.`);
  });
});

describe('already checked in agrees with the badge (issue 9)', () => {
  const tr = en;
  const error = {
    code: 'already_checked_in' as const,
    message: 'x',
    display_name: 'José Núñez',
    attendee_id: 3,
    prior_check_in: { at: '2026-11-22T09:02:03Z', desk: 'Front desk', operator: 'Robin' },
  };

  it('names the person and refuses a second badge only when one was printed', () => {
    const printed = fromAlreadyCheckedIn(error, tr, 1);
    expect(withoutIsolates(printed.title)).toBe('Already checked in: José Núñez');
    expect(withoutIsolates(printed.detail)).toContain('by Robin.');
    expect(printed.detail).toContain('printed 1 time: do not hand out a second one');
    const notYet = fromAlreadyCheckedIn(error, tr, 0);
    expect(notYet.detail).toContain('not been printed yet');
    expect(notYet.detail).not.toContain('second');
  });

  it('asks the volunteer to choose between namesakes', () => {
    const view = fromNamesakes('José Núñez', tr);
    expect(view.kind).toBe('choose');
    expect(withoutIsolates(view.detail)).toContain('More than one person is called José Núñez');
  });
});
