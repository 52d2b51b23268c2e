// The rule for a new lead's PIN as the backend has it (6 to 12 digits), to
// say so before sending. Leads made before six digits were asked for keep
// their four-digit PINs; those are checked by the backend, not here.
import type { MessageKey } from '../../lib/i18n/translator';

/** A broken PIN rule, as its catalogue key. */
export type PinProblem = Extract<MessageKey, `pin.${string}`>;

/** What is wrong with a new PIN (and its confirmation), or null. */
export function pinProblem(pin: string, again?: string): PinProblem | null {
  if (!/^\d{6,12}$/.test(pin)) return 'pin.digits';
  if (again !== undefined && again !== pin) return 'pin.differ';
  return null;
}
