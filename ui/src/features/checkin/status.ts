// What the desk says after an action: a tone (colour) and words, in the
// desk's language. Pure functions of the data and a Translator, so every
// wording is tested in any language (status.test.ts).
import type { ApiError, AttendeeCard, CheckInReceipt, SaleReceipt } from '../../api/desk';
import { isolate } from '../../lib/i18n/message';
import { refusalText, type RefusalContext } from '../../lib/i18n/refusal';
import type { MessageKey, Translator } from '../../lib/i18n/translator';

export type Tone = 'success' | 'warning' | 'error';

export interface StatusView {
  /** checked_in, or the error code. Read by the end-to-end tests. */
  kind: string;
  tone: Tone;
  title: string;
  detail: string;
}

export function fromReceipt(receipt: CheckInReceipt, tr: Translator): StatusView {
  const a = receipt.attendee;
  const title = a.checked_in
    ? tr.t('status.checkedIn', { name: a.display_name, time: tr.time(a.checked_in.at) })
    : tr.t('status.checkedInNoTime', { name: a.display_name });
  // The role in the desk's words; ticket type and affiliation are the event's data, isolated like names.
  const parts = [capitalise(tr.role(a.role)), ...[a.ticket_type, a.affiliation].filter((p) => p.length > 0).map(isolate)];
  const note = a.note ? ` ${tr.t('status.note', { note: a.note })}` : '';
  return { kind: 'checked_in', tone: 'success', title, detail: `${parts.join(' · ')}.${note}` };
}

/** After what someone owed was paid at the desk: they are checked in; the receipt's number, method and amount. */
export function fromSettle(receipt: SaleReceipt, tr: Translator, method: string): StatusView {
  const a = receipt.attendee;
  const title = tr.t('status.settled', { name: a.display_name, time: tr.time(a.checked_in?.at ?? receipt.at) });
  const detail = tr.t('status.settledDetail', { receipt: receipt.receipt, method, paid: tr.money(receipt.paid) });
  return { kind: 'settled', tone: 'success', title, detail };
}

type TitleKey = Extract<MessageKey, `status.title.${string}`>;

const TITLES: Partial<Record<ApiError['code'], { key: TitleKey; tone: Tone }>> = {
  already_checked_in: { key: 'status.title.alreadyCheckedIn', tone: 'warning' },
  ticket_cancelled: { key: 'status.title.ticketCancelled', tone: 'error' },
  amount_due: { key: 'status.title.amountDue', tone: 'warning' },
  unknown_code: { key: 'status.title.notFound', tone: 'error' },
  unknown_attendee: { key: 'status.title.notFound', tone: 'error' },
  no_operator: { key: 'status.title.noOperator', tone: 'warning' },
};

/** A refusal as a status: a title for the kind of trouble, and the sentence built from the error's fields. */
export function fromError(error: ApiError, tr: Translator, context?: RefusalContext): StatusView {
  const title = TITLES[error.code] ?? { key: 'status.title.other' as const, tone: 'error' as const };
  return { kind: error.code, tone: title.tone, title: tr.t(title.key), detail: refusalText(error, tr, context) };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** After a lead undid a check-in. */
export function fromUndo(card: AttendeeCard, tr: Translator): StatusView {
  return { kind: 'undone', tone: 'success', title: tr.t('status.undone', { name: card.display_name }), detail: tr.t('status.undoneDetail') };
}

/** After a correction was saved. */
export function fromEdit(card: AttendeeCard, tr: Translator): StatusView {
  return { kind: 'edited', tone: 'success', title: tr.t('status.edited', { name: card.display_name }), detail: tr.t('status.editedDetail') };
}

/**
 * "Already checked in" on the check-in screen (issue 9): the title names
 * the person, the detail says when, where and by whom, and what it says
 * about the badge agrees with the badge's state (`printed`: how often it
 * was printed, null while not known): a second badge is refused only when
 * a first one was printed.
 */
export function fromAlreadyCheckedIn(error: ApiError, tr: Translator, printed: number | null): StatusView {
  const name = error.display_name;
  const prior = error.prior_check_in;
  const when = prior ? tr.t('error.already_checked_in.when', { time: tr.time(prior.at), desk: prior.desk, operator: prior.operator }) : '';
  const badge =
    printed === null ? '' : printed > 0 ? tr.t('status.badgePrinted', { count: printed }) : tr.t('status.badgeNotPrinted');
  const title = name ? tr.t('status.title.alreadyCheckedInName', { name }) : tr.t('status.title.alreadyCheckedIn');
  const detail = [when, badge].filter((p) => p !== '').join(' ') || refusalText(error, tr);
  return { kind: 'already_checked_in', tone: 'warning', title, detail };
}

/** Several results share the first one's name and nobody was chosen: the volunteer must choose. */
export function fromNamesakes(name: string, tr: Translator): StatusView {
  return { kind: 'choose', tone: 'warning', title: tr.t('checkin.chooseTitle'), detail: tr.t('checkin.choose', { name }) };
}
