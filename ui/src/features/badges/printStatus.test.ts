import { describe, expect, it } from 'vitest';
import { fromAutoPrint, fromPrintError, fromPrintReceipt } from './printStatus';

describe('print status after printing on check-in', () => {
  it('names the printer the badge went to', () => {
    expect(fromAutoPrint({ printer: 'BadgePDF', job: 'BadgePDF-12', error: null })).toEqual({
      kind: 'printed',
      tone: 'success',
      text: 'Badge sent to BadgePDF.',
    });
  });

  it('shows why it was not printed, with the code that offers a retry', () => {
    const view = fromAutoPrint({
      printer: null,
      job: null,
      error: { code: 'print_failed', message: 'the printer BadgePDF refused the job: paper out' },
    });
    expect(view).toEqual({ kind: 'print_failed', tone: 'error', text: 'the printer BadgePDF refused the job: paper out' });
  });
});

describe('print status after Print or Reprint', () => {
  it('counts a reprint', () => {
    const view = fromPrintReceipt({
      attendee_id: 1,
      display_name: 'José Núñez',
      printer: 'BadgePDF',
      job: 'BadgePDF-13',
      printed_before: 1,
      replayed: false,
    });
    expect(view.text).toBe('Badge sent to BadgePDF (reprint: printed 2 times now).');
  });

  it('warns, rather than alarms, about a badge printed already', () => {
    expect(fromPrintError({ code: 'already_printed', message: 'already printed 1 time' }).tone).toBe('warning');
    expect(fromPrintError({ code: 'no_printer', message: 'choose a printer' }).tone).toBe('error');
  });
});
