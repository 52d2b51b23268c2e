// What the desk says after an action: a tone (colour) and words.
// Pure functions, so every wording is tested (status.test.ts).
import type { ApiError, CheckInReceipt } from '../../api/desk';
import { formatMoney, formatTime } from '../../lib/format';

export type Tone = 'success' | 'warning' | 'error';

export interface StatusView {
  /** checked_in, or the error code. Read by the end-to-end tests. */
  kind: string;
  tone: Tone;
  title: string;
  detail: string;
}

export function fromReceipt(receipt: CheckInReceipt, locale?: string): StatusView {
  const a = receipt.attendee;
  const when = a.checked_in ? ` at ${formatTime(a.checked_in.at, locale)}` : '';
  const parts = [capitalise(a.role), a.ticket_type, a.affiliation].filter((p) => p.length > 0);
  const note = a.note ? ` Note: ${a.note}` : '';
  return {
    kind: 'checked_in',
    tone: 'success',
    title: `Checked in: ${a.display_name}${when}`,
    detail: `${parts.join(' · ')}.${note}`,
  };
}

export function fromError(error: ApiError, locale?: string): StatusView {
  switch (error.code) {
    case 'already_checked_in': {
      const prior = error.prior_check_in;
      const detail = prior
        ? `First checked in at ${formatTime(prior.at, locale)} at ${prior.desk} by ${prior.operator}. Do not hand out a second badge.`
        : error.message;
      return { kind: error.code, tone: 'warning', title: 'Already checked in', detail };
    }
    case 'ticket_cancelled':
      return { kind: error.code, tone: 'error', title: 'Ticket cancelled', detail: error.message };
    case 'amount_due': {
      // Built here from the data, in the desk's locale; the backend's sentence is the fallback.
      const detail =
        error.display_name && error.amount_due
          ? `${error.display_name} still owes ${formatMoney(error.amount_due, locale)}: take the payment before checking them in.`
          : error.message;
      return { kind: error.code, tone: 'warning', title: 'Payment needed', detail };
    }
    case 'unknown_code':
    case 'unknown_attendee':
      return { kind: error.code, tone: 'error', title: 'Not found', detail: error.message };
    case 'no_operator':
      return { kind: error.code, tone: 'warning', title: 'Who is at the desk?', detail: error.message };
    default:
      return { kind: error.code, tone: 'error', title: 'Something went wrong', detail: error.message };
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
