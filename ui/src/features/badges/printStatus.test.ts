import { describe, expect, it } from 'vitest';
import { fromAutoPrint, fromPrintError, fromPrintReceipt } from './printStatus';
import { withoutIsolates } from '../../lib/i18n/message';
import { translator } from '../../lib/i18n/translator';
import { formatTime } from '../../lib/format';

const en = translator('en', 'en-GB');
const es = translator('es', 'es-ES');
const plain = (s: { text: string }) => withoutIsolates(s.text);

describe('print status after printing on check-in', () => {
  it('names the printer the badge went to', () => {
    const view = fromAutoPrint({ printer: 'BadgePDF', job: 'BadgePDF-12', error: null }, en);
    expect(view.kind).toBe('printed');
    expect(view.tone).toBe('success');
    expect(plain(view)).toBe('Badge sent to BadgePDF.');
  });

  it('shows why it was not printed, in CUPS’s words, with the code that offers a retry', () => {
    const error = { code: 'print_failed' as const, message: 'the printer BadgePDF refused the job: paper out' };
    const view = fromAutoPrint({ printer: null, job: null, error }, en);
    expect(view.kind).toBe('print_failed');
    expect(view.tone).toBe('error');
    expect(plain(view)).toBe('the printer BadgePDF refused the job: paper out');
    expect(plain(fromAutoPrint({ printer: null, job: null, error }, es))).toBe(
      'La impresora rechazó el trabajo; la credencial queda pendiente para un nuevo intento. Mensaje: the printer BadgePDF refused the job: paper out',
    );
  });
});

describe('print status after Print or Reprint', () => {
  const receipt = { attendee_id: 1, display_name: 'José Núñez', printer: 'BadgePDF', job: 'BadgePDF-13', printed_before: 1, replayed: false };

  it('counts a reprint', () => {
    expect(plain(fromPrintReceipt(receipt, en))).toBe('Badge sent to BadgePDF (reprint: printed 2 times now).');
    expect(plain(fromPrintReceipt(receipt, es))).toBe('Credencial enviada a BadgePDF (reimpresión: impresa 2 veces ahora).');
    expect(plain(fromPrintReceipt({ ...receipt, printed_before: 0 }, en))).toBe('Badge sent to BadgePDF.');
  });

  it('says how often a badge was printed already, from the preview’s history, and warns rather than alarms', () => {
    const error = { code: 'already_printed' as const, message: '…', display_name: 'Zoë Lefèvre', attendee_id: 7 };
    const history = { printed: 1, last_printed_at: '2026-11-22T09:14:00.000Z', pending: false, last_error: null };
    const view = fromPrintError(error, en, history);
    expect(view.tone).toBe('warning');
    const time = formatTime('2026-11-22T09:14:00.000Z', 'en-GB');
    expect(plain(view)).toBe(`Zoë Lefèvre's badge was already printed 1 time (last at ${time}): reprint only if it is lost or wrong.`);
    expect(plain(fromPrintError(error, es, { ...history, printed: 3 }))).toContain('ya se imprimió 3 veces');
    expect(plain(fromPrintError(error, en))).toBe("Zoë Lefèvre's badge was already printed: reprint only if it is lost or wrong.");
  });

  it('calls a missing printer an error', () => {
    expect(fromPrintError({ code: 'no_printer', message: 'choose a printer' }, en).tone).toBe('error');
  });
});
