// What the badge panel says about sending a badge: after Print or Reprint,
// and after the api printed it on check-in (the receipt's `auto_print`).
// Pure functions of the data and a Translator, so every wording is tested
// (printStatus.test.ts). Also the print the api held back because the name
// cannot be drawn whole (`missing_characters`), which waits for the
// volunteer's yes, and the keys on the button that says it.
import type { ApiError, AutoPrint, LeadAuth, PrintHistory, PrintReceipt, PrintRequest } from '../../api/desk';
import { distinctCharacters, refusalText } from '../../lib/i18n/refusal';
import type { Translator } from '../../lib/i18n/translator';

export interface PrintStatus {
  /** `printed`, or the error code. Read by the end-to-end tests. */
  kind: string;
  tone: 'success' | 'warning' | 'error';
  text: string;
}

export function fromPrintReceipt(receipt: PrintReceipt, tr: Translator): PrintStatus {
  const text =
    receipt.printed_before > 0
      ? tr.t('print.sentAgain', { printer: receipt.printer, count: receipt.printed_before + 1 })
      : tr.t('print.sent', { printer: receipt.printer });
  return { kind: 'printed', tone: 'success', text };
}

/**
 * A refused print. `history` is the badge preview's, which says how often
 * the badge was printed (the refusal names only the person).
 */
export function fromPrintError(error: ApiError, tr: Translator, history?: PrintHistory | null): PrintStatus {
  const text = refusalText(error, tr, { printed: history?.printed, lastPrintedAt: history?.last_printed_at });
  // A badge printed before, or a name with characters no font has, is a question more than a failure.
  const tone = error.code === 'already_printed' || error.code === 'missing_characters' ? 'warning' : 'error';
  return { kind: error.code, tone, text };
}

/** How printing on check-in went: the badge was already sent (or refused) before the receipt came back. */
export function fromAutoPrint(outcome: AutoPrint, tr: Translator, history?: PrintHistory | null): PrintStatus {
  if (outcome.error) return fromPrintError(outcome.error, tr, history);
  const text = outcome.printer ? tr.t('print.sent', { printer: outcome.printer }) : tr.t('print.sentToThePrinter');
  return { kind: 'printed', tone: 'success', text };
}

/** A print as the panel means it, before it gets its idempotency key and the lead's grant. */
export type PrintIntent = Omit<PrintRequest, 'idempotency_key' | 'auth'>;

/** The request for `intent`: a key for this one send, and the lead's grant when a reprint carries one. */
export function printRequest(intent: PrintIntent, key: string, auth: LeadAuth | null): PrintRequest {
  const request: PrintRequest = { ...intent, idempotency_key: key };
  return auth ? { ...request, auth } : request;
}

/**
 * A print the api held back because no font has some characters of the
 * name: the same print, waiting for the volunteer's yes, and the
 * characters it would go without (their count words the button).
 */
export interface HeldPrint {
  intent: PrintIntent;
  missing: string[];
}

/**
 * The print to ask about after `error` refused `sent`: only for
 * `missing_characters`, and never again for a print already confirmed
 * (the api printing it anyway is its part; asking twice would loop).
 */
export function heldBack(error: ApiError, sent: PrintIntent): HeldPrint | null {
  if (error.code !== 'missing_characters' || sent.confirm_missing) return null;
  return { intent: { ...sent, confirm_missing: false }, missing: distinctCharacters(error.missing) };
}

/**
 * The print on check-in the api held back, for the person on the panel:
 * what the api sent, a first print on the desk's printer, without a lead.
 */
export function heldBackOnCheckIn(outcome: AutoPrint, attendeeId: number): HeldPrint | null {
  if (!outcome.error) return null;
  return heldBack(outcome.error, { attendee_id: attendeeId, reprint: false, printer: null, confirm_missing: false });
}

/** The same print after the volunteer said yes: sent with a fresh key (the refused one's would replay the refusal). */
export function confirmed(held: HeldPrint): PrintIntent {
  return { ...held.intent, confirm_missing: true };
}

/** How long after the question appears a key on its button does not count (a second Enter of the check-in, a held key). */
export const CONFIRM_GUARD_MS = 500;

/**
 * What a key pressed on "Print without it" does: `confirm` lets the button
 * act (Enter, Space), `ignore` swallows a repeat or a press that came too
 * soon, `cancel` is Escape, `elsewhere` is a character typed or scanned
 * (the next name: the keyboard goes back to the screen with it), `pass`
 * is anything else (Tab, shortcuts).
 */
export type ConfirmKey = 'confirm' | 'ignore' | 'cancel' | 'elsewhere' | 'pass';

export function confirmKey(
  key: Pick<KeyboardEvent, 'key' | 'repeat' | 'ctrlKey' | 'altKey' | 'metaKey'>,
  sinceAskedMs: number,
): ConfirmKey {
  if (key.key === 'Escape') return 'cancel';
  if (key.key === 'Enter' || key.key === ' ') return key.repeat || sinceAskedMs < CONFIRM_GUARD_MS ? 'ignore' : 'confirm';
  if (!key.ctrlKey && !key.altKey && !key.metaKey && [...key.key].length === 1) return 'elsewhere';
  return 'pass';
}
