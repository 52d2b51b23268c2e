// The result rows of the check-in screen: how many there are, and what a
// row shows besides the name (the details that tell namesakes apart, and
// the one mark of where the person stands). Pure functions of the cards
// and a Translator (rows.test.ts). CheckInDesk.svelte makes its rows once
// and keeps them, filled or folded away, so that a key only changes their
// text: in WebKit, laying out new rows costs a few milliseconds a key on a
// slow desk, changed text well under one (docs/decisions/0013).
import type { AttendeeCard } from '../../api/desk';
import type { Translator } from '../../lib/i18n/translator';

/** As many rows as the engine's search returns at most (`lanyard_api::SEARCH_LIMIT`; tests/tidy/shared.rs checks they agree). */
export const ROWS_KEPT = 12;

/** The rows to keep for `shown` cards: at least ROWS_KEPT, so a full list never makes new ones. */
export function rowSlots(shown: number): number[] {
  return Array.from({ length: Math.max(ROWS_KEPT, shown) }, (_, i) => i);
}

/** What a folded row holds: nothing of anyone. */
export const NO_CARD: AttendeeCard = {
  id: 0,
  display_name: '',
  affiliation: '',
  hometown: '',
  ticket_type: '',
  role: '',
  badge_code: '',
  note: '',
  checked_in: null,
  amount_due: null,
  cancelled: false,
  printed: 0,
  email_hint: '',
};

/** One of a row's details, with the separator before it (none before the first shown). */
export interface RowDetail {
  before: '' | ' · ';
  text: string;
}

/**
 * The row's four details in order, affiliation, ticket type, e-mail hint
 * and hometown, always four (an empty one shows nothing and has no
 * separator), so a row keeps its nodes whatever the card.
 */
export function rowDetails(card: AttendeeCard): RowDetail[] {
  let shown = false;
  return [card.affiliation, card.ticket_type, card.email_hint, card.hometown].map((text) => {
    const before = shown && text !== '' ? ' · ' : '';
    shown ||= text !== '';
    return { before, text };
  });
}

/** The colour of a row's mark (a class of app.css) and its words. */
export interface RowMark {
  tone: 'refused' | 'done' | 'owes' | 'todo';
  text: string;
}

/** What a folded row's mark holds: no words. */
export const NO_MARK: RowMark = { tone: 'todo', text: '' };

/** Cancelled first, then checked in (and when), then an amount owed, else not yet. */
export function rowMark(card: AttendeeCard, tr: Translator): RowMark {
  if (card.cancelled) return { tone: 'refused', text: tr.t('checkin.cancelled') };
  if (card.checked_in) return { tone: 'done', text: tr.t('checkin.inAt', { time: tr.time(card.checked_in.at) }) };
  if (card.amount_due) return { tone: 'owes', text: tr.t('checkin.owes', { amount: tr.money(card.amount_due) }) };
  return { tone: 'todo', text: tr.t('checkin.notYet') };
}
