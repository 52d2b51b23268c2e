import { describe, expect, it } from 'vitest';
import {
  CONFIRM_GUARD_MS,
  confirmed,
  confirmKey,
  fromAutoPrint,
  fromPrintError,
  fromPrintReceipt,
  heldBack,
  heldBackOnCheckIn,
  printRequest,
  type PrintIntent,
} from './printStatus';
import type { ApiError } from '../../api/desk';
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

describe('a name no font can draw whole', () => {
  const error: ApiError = {
    code: 'missing_characters',
    message: 'no font has 🦀 of Ferris 🦀 Crab’s name: the badge would print without them',
    display_name: 'Ferris 🦀 Crab',
    attendee_id: 7,
    missing: ['🦀'],
  };
  const first: PrintIntent = { attendee_id: 7, reprint: false, printer: null, confirm_missing: false };
  const auth = { lead: '', pin: '', grant: 'g-1' };

  it('is asked about, naming the characters, as a warning', () => {
    const view = fromPrintError(error, en);
    expect(view.kind).toBe('missing_characters');
    expect(view.tone).toBe('warning');
    expect(plain(view)).toBe("No font has 🦀 of Ferris 🦀 Crab's name: the badge would print without it.");
    expect(en.t('print.withoutMissing', { count: 1 })).toBe('Print without it');
    expect(en.t('print.withoutMissing', { count: 2 })).toBe('Print without them');
  });

  it('holds back the same print until the volunteer says yes, then sends it confirmed under a fresh key', () => {
    const reprint = { ...first, reprint: true };
    const held = heldBack(error, reprint);
    expect(held).toEqual({ intent: reprint, missing: ['🦀'] });
    const yes = printRequest(confirmed(held!), 'key-2', auth);
    expect(yes).toEqual({ attendee_id: 7, reprint: true, printer: null, confirm_missing: true, idempotency_key: 'key-2', auth });
    // Without a lead (a first print), no auth goes with it.
    expect(printRequest(first, 'key-1', null)).toEqual({ ...first, idempotency_key: 'key-1' });
    expect('auth' in printRequest(first, 'key-1', null)).toBe(false);
  });

  it('is never confirmed by itself: any other refusal, or one to a confirmed print, asks nothing', () => {
    expect(heldBack({ code: 'print_failed', message: 'paper out' }, first)).toBeNull();
    expect(heldBack({ code: 'already_printed', message: 'x', display_name: 'Ferris', attendee_id: 7 }, first)).toBeNull();
    expect(heldBack(error, { ...first, confirm_missing: true })).toBeNull();
    expect(heldBack(error, first)?.intent.confirm_missing).toBe(false);
  });

  it('offers the same question when printing on check-in was held back, as a first print on the desk’s printer', () => {
    const outcome = { printer: null, job: null, error };
    expect(plain(fromAutoPrint(outcome, en))).toBe("No font has 🦀 of Ferris 🦀 Crab's name: the badge would print without it.");
    expect(fromAutoPrint(outcome, en).kind).toBe('missing_characters');
    expect(heldBackOnCheckIn(outcome, 7)).toEqual({ intent: first, missing: ['🦀'] });
    expect(heldBackOnCheckIn({ printer: 'BadgePDF', job: 'BadgePDF-12', error: null }, 7)).toBeNull();
    expect(heldBackOnCheckIn({ printer: null, job: null, error: { code: 'no_printer', message: 'x' } }, 7)).toBeNull();
  });

  it('counts each character once for the button', () => {
    expect(heldBack({ ...error, missing: ['🦀', '✨', '🦀'] }, first)?.missing).toEqual(['🦀', '✨']);
    expect(heldBack({ ...error, missing: undefined }, first)?.missing).toEqual([]);
  });
});

describe('keys on “Print without it”', () => {
  const key = (k: string, more: Partial<KeyboardEvent> = {}) => ({ key: k, repeat: false, ctrlKey: false, altKey: false, metaKey: false, ...more });
  const late = CONFIRM_GUARD_MS + 1;

  it('Enter or Space says yes once the question has been on screen a moment', () => {
    expect(confirmKey(key('Enter'), late)).toBe('confirm');
    expect(confirmKey(key(' '), late)).toBe('confirm');
  });

  it('a second Enter of the check-in, or a held key, does not', () => {
    expect(confirmKey(key('Enter'), 40)).toBe('ignore');
    expect(confirmKey(key('Enter', { repeat: true }), late)).toBe('ignore');
  });

  it('Escape cancels; the next name typed or scanned goes back to the screen; shortcuts and Tab pass', () => {
    expect(confirmKey(key('Escape'), 0)).toBe('cancel');
    expect(confirmKey(key('L'), late)).toBe('elsewhere');
    expect(confirmKey(key('小'), 0)).toBe('elsewhere');
    expect(confirmKey(key('p', { ctrlKey: true }), late)).toBe('pass');
    expect(confirmKey(key('Tab'), late)).toBe('pass');
  });
});
