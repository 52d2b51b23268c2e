import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChangeNotice } from './bindings';
import { desk, onChange, searchNow, toApiError } from './desk';

// vi.mock and vi.hoisted run before the imports above, so desk.ts sees these fakes.
const tauri = vi.hoisted(() => ({
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => undefined),
  listen: vi.fn(),
}));
vi.mock('@tauri-apps/api/core', () => ({
  invoke: tauri.invoke,
  convertFileSrc: (path: string, protocol: string) => `${protocol}://localhost/${path}`,
  Channel: class {
    onmessage: (message: unknown) => void = () => undefined;
  },
}));
vi.mock('@tauri-apps/api/event', () => ({ listen: tauri.listen }));

beforeEach(() => {
  tauri.invoke.mockClear();
  tauri.listen.mockReset();
});

describe('toApiError', () => {
  it('keeps a backend error as it is', () => {
    const e = { code: 'unknown_code', message: 'no attendee has the code "X"' };
    expect(toApiError(e)).toBe(e);
  });

  it('knows the codes added for leads', () => {
    for (const code of ['lead_required', 'already_a_lead', 'last_lead']) {
      expect(toApiError({ code, message: 'x' }).code).toBe(code);
    }
  });

  it('wraps anything else as an internal error with its text', () => {
    expect(toApiError('command check_in not allowed')).toEqual({
      code: 'internal',
      message: 'command check_in not allowed',
    });
    expect(toApiError({ code: 'made_up', message: 'x' }).code).toBe('internal');
    expect(toApiError({ code: 'toString', message: 'x' }).code).toBe('internal');
  });
});

describe('onChange', () => {
  it('hands each notice of lanyard://changed to the handler until stopped', async () => {
    const unlisten = vi.fn(async () => undefined);
    let deliver: (event: { payload: ChangeNotice }) => void = () => undefined;
    tauri.listen.mockImplementation(async (name: string, handler: typeof deliver) => {
      expect(name).toBe('lanyard://changed');
      deliver = handler;
      return unlisten;
    });
    const seen: ChangeNotice[] = [];
    const stop = await onChange((n) => seen.push(n));
    const notice = { seq: 7, attendees: true, event: false, leads: false, shifts: false };
    deliver({ payload: notice });
    expect(seen).toEqual([notice]);
    stop();
    expect(unlisten).toHaveBeenCalledTimes(1);
  });

  it('rejects with an ApiError when the window may not listen', async () => {
    tauri.listen.mockRejectedValue('event.listen not allowed');
    await expect(onChange(() => undefined)).rejects.toEqual({ code: 'internal', message: 'event.listen not allowed' });
  });
});

/** What the page sends for a lead while a grant holds: the token, never a PIN. */
const GRANT = { lead: '', pin: '', grant: 'a1b2c3' };
const FILTER = { ticket_type: null, role: null, not_printed: true, format: null };

/** The arguments of the only command invoked. */
function sent(): [string, Record<string, unknown>] {
  expect(tauri.invoke).toHaveBeenCalledTimes(1);
  const [command, args] = tauri.invoke.mock.calls[0] ?? [];
  return [command as string, args as Record<string, unknown>];
}

describe('privileged commands carry the lead’s grant in the shapes the backend takes', () => {
  it('sends the printer as one choice with the grant', async () => {
    await desk.setPrinter(GRANT, { printer: 'BadgePDF', offset_x_mm: 1.5, offset_y_mm: 0, auto_print: true });
    const [command, args] = sent();
    expect(command).toBe('set_printer');
    expect(args).toMatchObject({
      auth: GRANT,
      choice: { printer: 'BadgePDF', offset_x_mm: 1.5, offset_y_mm: 0, auto_print: true },
    });
    expect(args.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends the template with the grant', async () => {
    await desk.setBadgeTemplate(GRANT, 'format = "a6"');
    const [command, args] = sent();
    expect(command).toBe('set_badge_template');
    expect(args).toMatchObject({ auth: GRANT, toml: 'format = "a6"' });
  });

  it('never names a file for a PDF: the backend asks where in its own save dialog', async () => {
    tauri.invoke.mockResolvedValueOnce(null);
    await expect(desk.saveBadgesAs(GRANT, FILTER, () => undefined)).resolves.toBeNull();
    const [command, args] = sent();
    expect(command).toBe('save_badges_as');
    expect(Object.keys(args).sort()).toEqual(['auth', 'filter', 'onProgress']);
    expect(JSON.stringify(args)).not.toMatch(/path|\.pdf/i);
  });

  it('prints a batch without a path', async () => {
    await desk.badgeBatch(GRANT, FILTER, () => undefined);
    const [command, args] = sent();
    expect(command).toBe('badge_batch');
    expect(Object.keys(args).sort()).toEqual(['auth', 'filter', 'idempotencyKey', 'onProgress']);
  });

  it('unlocks with a name and PIN, and gives the grant back by its token alone', async () => {
    await desk.unlockSettings({ lead: 'priya', pin: '246813' });
    expect(tauri.invoke.mock.calls[0]).toEqual(['unlock_settings', { auth: { lead: 'priya', pin: '246813' } }]);
    tauri.invoke.mockClear();
    await desk.endGrant('a1b2c3');
    expect(sent()).toEqual(['end_grant', { grant: 'a1b2c3' }]);
  });
});

describe('commands that change things carry an idempotency key', () => {
  it('sends one with end_shift', async () => {
    await desk.endShift();
    const [command, args] = tauri.invoke.mock.calls[0] ?? [];
    expect(command).toBe('end_shift');
    expect((args as { idempotencyKey: string }).idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends a fresh one with each badge batch', async () => {
    const filter = { ticket_type: null, role: null, not_printed: true, format: null };
    await desk.badgeBatch(GRANT, filter, () => undefined);
    await desk.badgeBatch(GRANT, filter, () => undefined);
    const keys = tauri.invoke.mock.calls.map(([, args]) => (args as { idempotencyKey: string }).idempotencyKey);
    expect(tauri.invoke.mock.calls.map(([command]) => command)).toEqual(['badge_batch', 'badge_batch']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[0]).not.toBe(keys[1]);
  });
});

describe('the cash box’s commands', () => {
  it('send the price with the grant and the submission’s own key', async () => {
    await desk.setPrice(GRANT, 'Regular', '25.00', false, 'k-1');
    expect(sent()).toEqual(['set_price', { auth: GRANT, ticketType: 'Regular', amount: '25.00', remove: false, idempotencyKey: 'k-1' }]);
  });

  it('send the rules as typed', async () => {
    await desk.setCashSettings(GRANT, '', '0.05', '1.00', 'k-2');
    expect(sent()).toEqual([
      'set_cash_settings',
      { auth: GRANT, denominations: '', rounding: '0.05', tolerance: '1.00', idempotencyKey: 'k-2' },
    ]);
  });

  it('send requests whole, with the key the screen chose (a retry sends the same)', async () => {
    const request = { count: '20.00x2', idempotency_key: 'k-3' };
    await desk.openCashShift(request);
    await desk.openCashShift(request);
    expect(tauri.invoke.mock.calls).toEqual([
      ['open_cash_shift', { request }],
      ['open_cash_shift', { request }],
    ]);
  });

  it('ask for a day’s report by its date, or today with an empty one', async () => {
    await desk.cashReport('');
    expect(sent()).toEqual(['cash_report', { day: '' }]);
  });
});

describe('searchNow, the search box\'s synchronous search', () => {
  /** A stand-in for the webview's XMLHttpRequest that answers `answer` (or fails to connect). */
  function fakeRequests(answer: { status: number; body: string } | 'unreachable') {
    const sent: { method: string; url: string; sync: boolean; body: string }[] = [];
    class FakeRequest {
      status = 0;
      responseText = '';
      private opened = { method: '', url: '', sync: false };
      open(method: string, url: string, isAsync: boolean) {
        this.opened = { method, url, sync: !isAsync };
      }
      setRequestHeader() {}
      send(body: string) {
        sent.push({ ...this.opened, body });
        if (answer === 'unreachable') throw new DOMException('A network error occurred.', 'NetworkError');
        this.status = answer.status;
        this.responseText = answer.body;
      }
    }
    vi.stubGlobal('XMLHttpRequest', FakeRequest);
    return sent;
  }

  it('posts the query synchronously to the lanyard-search scheme and returns the cards', () => {
    const sent = fakeRequests({ status: 200, body: JSON.stringify({ ok: [{ id: 7, display_name: 'Zoë Lefèvre' }] }) });
    expect(searchNow('zoe lef')).toEqual([{ id: 7, display_name: 'Zoë Lefèvre' }]);
    expect(sent).toEqual([{ method: 'POST', url: 'lanyard-search://localhost/', sync: true, body: 'zoe lef' }]);
  });

  it("throws the backend's error as an ApiError", () => {
    fakeRequests({ status: 200, body: JSON.stringify({ err: { code: 'no_database', message: 'no event file' } }) });
    expect(() => searchNow('zoe')).toThrow(expect.objectContaining({ code: 'no_database' }));
  });

  it('gives null when the scheme cannot be reached, and from then on asks nothing of it', () => {
    fakeRequests('unreachable');
    expect(searchNow('zoe')).toBeNull();
    const sent = fakeRequests({ status: 200, body: JSON.stringify({ ok: [] }) });
    expect(searchNow('zoe')).toBeNull();
    expect(sent).toEqual([]);
    vi.unstubAllGlobals();
  });
});
