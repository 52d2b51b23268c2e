// Which input an api refusal is about, so that a cash form can put the
// volunteer there: the field an `invalid_input` names (the api writes
// some with spaces, `card reference`), or the PIN field when a lead's PIN
// was refused, or the receipt number when no sale has it or it was
// refunded before. Pure, tested in fields.test.ts.
import type { ApiError } from '../../api/desk';

/** The api's name for a field as a key: lower case, words joined by `_`. */
export function fieldKey(field: string): string {
  return field.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/**
 * The id of the input `error` is about among `inputs` (field key → input
 * id; `pin` also stands for a refused PIN, `receipt` for a receipt number
 * refused), or undefined.
 */
export function inputFor(error: ApiError, inputs: Readonly<Record<string, string>>): string | undefined {
  switch (error.code) {
    case 'invalid_input':
      return error.field ? inputs[fieldKey(error.field)] : undefined;
    case 'pin_wrong':
    case 'pin_locked':
    case 'lead_required':
      return inputs.pin;
    case 'unknown_receipt':
    case 'already_refunded':
      return inputs.receipt;
    default:
      return undefined;
  }
}

/** Puts the focus on the input `error` is about, if the form has one. */
export function focusFieldOf(error: ApiError, inputs: Readonly<Record<string, string>>): void {
  const id = inputFor(error, inputs);
  if (id) document.getElementById(id)?.focus();
}
