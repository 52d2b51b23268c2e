import { describe, expect, it } from 'vitest';
import { fromError, fromReceipt } from './status';
import { formatMoney, formatTime } from '../../lib/format';
import type { CheckInReceipt } from '../../api/desk';

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
  },
  auto_print: null,
};

describe('status after a check-in', () => {
  it('names the person, their role and the note, in green', () => {
    const view = fromReceipt(receipt, 'en-GB');
    expect(view.tone).toBe('success');
    expect(view.kind).toBe('checked_in');
    expect(view.title).toContain('José Núñez');
    expect(view.detail).toBe('Speaker · Conference · PSV. Note: Vegetarian lunch');
  });

  it('says when, where and by whom a duplicate was first checked in', () => {
    const view = fromError(
      {
        code: 'already_checked_in',
        message: 'already',
        prior_check_in: { at: '2026-11-22T09:14:00.000Z', desk: 'Desk 2', operator: 'Anna' },
      },
      'en-GB',
    );
    expect(view.tone).toBe('warning');
    expect(view.title).toBe('Already checked in');
    expect(view.detail).toContain(`at ${formatTime('2026-11-22T09:14:00.000Z', 'en-GB')} at Desk 2 by Anna`);
  });

  it('shows unknown codes as errors with the backend sentence', () => {
    const view = fromError({ code: 'unknown_code', message: 'no attendee has the code "X"' });
    expect(view).toEqual({ kind: 'unknown_code', tone: 'error', title: 'Not found', detail: 'no attendee has the code "X"' });
  });
});

describe('status after a refusal for money due', () => {
  it('names the person and the amount in the desk’s locale', () => {
    const due = { minor: 2500, currency: 'EUR', exponent: 2 };
    const view = fromError(
      { code: 'amount_due', message: 'José Núñez still owes 25.00 EUR', display_name: 'José Núñez', amount_due: due },
      'en-GB',
    );
    expect(view.tone).toBe('warning');
    expect(view.title).toBe('Payment needed');
    expect(view.detail).toBe(`José Núñez still owes ${formatMoney(due, 'en-GB')}: take the payment before checking them in.`);
    expect(view.detail).toContain('€25.00');
  });

  it('falls back to the backend sentence when the amount is missing', () => {
    const view = fromError({ code: 'amount_due', message: 'José Núñez still owes 25.00 EUR' });
    expect(view.detail).toBe('José Núñez still owes 25.00 EUR');
  });
});
