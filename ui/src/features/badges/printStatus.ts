// What the badge panel says about sending a badge: after Print or Reprint,
// and after the api printed it on check-in (the receipt's `auto_print`).
// Pure functions of the data and a Translator, so every wording is tested
// (printStatus.test.ts).
import type { ApiError, AutoPrint, PrintHistory, PrintReceipt } from '../../api/desk';
import { refusalText } from '../../lib/i18n/refusal';
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
  return { kind: error.code, tone: error.code === 'already_printed' ? 'warning' : 'error', text };
}

/** How printing on check-in went: the badge was already sent (or refused) before the receipt came back. */
export function fromAutoPrint(outcome: AutoPrint, tr: Translator, history?: PrintHistory | null): PrintStatus {
  if (outcome.error) return fromPrintError(outcome.error, tr, history);
  const text = outcome.printer ? tr.t('print.sent', { printer: outcome.printer }) : tr.t('print.sentToThePrinter');
  return { kind: 'printed', tone: 'success', text };
}
