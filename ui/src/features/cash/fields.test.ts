// A refusal puts the volunteer in the field it is about.
import { describe, expect, it } from 'vitest';
import { fieldKey, inputFor } from './fields';

const INPUTS = { display_name: 'sale-name', card_reference: 'sale-reference', tendered: 'sale-tendered', pin: 'sale-pin' };

describe('the field a refusal is about', () => {
  it('is the one invalid_input names, however the api spells it', () => {
    expect(inputFor({ code: 'invalid_input', message: 'x', field: 'display_name' }, INPUTS)).toBe('sale-name');
    expect(inputFor({ code: 'invalid_input', message: 'x', field: 'card reference' }, INPUTS)).toBe('sale-reference');
    expect(fieldKey(' Payment Method ')).toBe('payment_method');
  });

  it('is the PIN field when a lead’s PIN was refused', () => {
    expect(inputFor({ code: 'pin_wrong', message: 'x', tries_left: 4 }, INPUTS)).toBe('sale-pin');
    expect(inputFor({ code: 'lead_required', message: 'x' }, INPUTS)).toBe('sale-pin');
  });

  it('is the receipt number when no sale has it, or it was refunded before', () => {
    const inputs = { receipt: 'refund-receipt' };
    expect(inputFor({ code: 'unknown_receipt', message: 'x' }, inputs)).toBe('refund-receipt');
    expect(inputFor({ code: 'already_refunded', message: 'x' }, inputs)).toBe('refund-receipt');
  });

  it('is none for a field the form does not have, or another refusal', () => {
    expect(inputFor({ code: 'invalid_input', message: 'x', field: 'idempotency key' }, INPUTS)).toBeUndefined();
    expect(inputFor({ code: 'invalid_input', message: 'x' }, INPUTS)).toBeUndefined();
    expect(inputFor({ code: 'no_cash_shift', message: 'x' }, INPUTS)).toBeUndefined();
  });
});
