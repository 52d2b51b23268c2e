// What the badge panel says about sending a badge: after Print or Reprint,
// and after the api printed it on check-in (the receipt's `auto_print`).
// Pure, so every wording is tested (printStatus.test.ts).
import type { ApiError, AutoPrint, PrintReceipt } from '../../api/desk';

export interface PrintStatus {
  /** `printed`, or the error code. Read by the end-to-end tests. */
  kind: string;
  tone: 'success' | 'warning' | 'error';
  text: string;
}

export function fromPrintReceipt(receipt: PrintReceipt): PrintStatus {
  const again = receipt.printed_before > 0 ? ` (reprint: printed ${receipt.printed_before + 1} times now)` : '';
  return { kind: 'printed', tone: 'success', text: `Badge sent to ${receipt.printer}${again}.` };
}

export function fromPrintError(error: ApiError): PrintStatus {
  return { kind: error.code, tone: error.code === 'already_printed' ? 'warning' : 'error', text: error.message };
}

/** How printing on check-in went: the badge was already sent (or refused) before the receipt came back. */
export function fromAutoPrint(outcome: AutoPrint): PrintStatus {
  if (outcome.error) return fromPrintError(outcome.error);
  return { kind: 'printed', tone: 'success', text: `Badge sent to ${outcome.printer ?? 'the printer'}.` };
}
