// PIN rules as the backend has them (4 to 12 digits), to say so before sending.
import type { MessageKey } from '../../lib/i18n/translator';

/** A broken PIN rule, as its catalogue key. */
export type PinProblem = Extract<MessageKey, `pin.${string}`>;

/** What is wrong with a PIN (and its confirmation), or null. */
export function pinProblem(pin: string, again?: string): PinProblem | null {
  if (!/^\d{4,12}$/.test(pin)) return 'pin.digits';
  if (again !== undefined && again !== pin) return 'pin.differ';
  return null;
}
