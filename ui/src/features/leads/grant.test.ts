import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiError, LeadGrant } from '../../api/desk';
import { GRANT_MS, MARGIN_MS, keepFor } from './grant.svelte';

const api = vi.hoisted(() => ({
  unlockSettings: vi.fn(),
  endGrant: vi.fn(async (_grant: string) => undefined),
}));
vi.mock('../../api/desk', () => ({ desk: api }));

const NOW = Date.parse('2026-11-22T09:00:00Z');

function granted(grant: string, minutes = 5): LeadGrant {
  return {
    grant,
    lead: 'Priya',
    expires_at: new Date(NOW + minutes * 60_000).toISOString(),
    leads: [{ name: 'Priya', added_at: '2026-11-22T08:00:00Z' }],
  };
}

/** The module afresh: no grant held. */
async function fresh() {
  vi.resetModules();
  return (await import('./grant.svelte')).leadGrant;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
  api.unlockSettings.mockReset();
  api.endGrant.mockClear();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('keepFor', () => {
  it('keeps a grant until a little before its end', () => {
    expect(keepFor(new Date(NOW + GRANT_MS).toISOString(), NOW)).toBe(GRANT_MS - MARGIN_MS);
    expect(keepFor(new Date(NOW + 60_000).toISOString(), NOW)).toBe(60_000 - MARGIN_MS);
  });

  it('never keeps one longer than five minutes, whatever the end says', () => {
    expect(keepFor(new Date(NOW + 2 * 3600_000).toISOString(), NOW)).toBe(GRANT_MS - MARGIN_MS);
    expect(keepFor('not a time', NOW)).toBe(GRANT_MS - MARGIN_MS);
  });

  it('drops one that is over at once', () => {
    expect(keepFor(new Date(NOW - 1000).toISOString(), NOW)).toBe(0);
    expect(keepFor(new Date(NOW + 1000).toISOString(), NOW)).toBe(0);
  });
});

describe('the lead’s grant', () => {
  it('is the token the api gave, sent instead of the PIN, which the page does not keep', async () => {
    const grant = await fresh();
    api.unlockSettings.mockResolvedValue(granted('t1'));
    const answer = await grant.unlock('priya', '246813');
    expect(api.unlockSettings).toHaveBeenCalledWith({ lead: 'priya', pin: '246813' });
    expect(answer.leads.map((l) => l.name)).toEqual(['Priya']);
    expect(grant.holds).toBe(true);
    expect(grant.lead).toBe('Priya');
    expect(grant.auth()).toEqual({ lead: '', pin: '', grant: 't1' });
    expect(JSON.stringify({ ...grant, auth: grant.auth() })).not.toContain('246813');
  });

  it('keeps nothing when the PIN is wrong', async () => {
    const grant = await fresh();
    const wrong: ApiError = { code: 'pin_wrong', message: 'x', tries_left: 4 };
    api.unlockSettings.mockRejectedValue(wrong);
    await expect(grant.unlock('Priya', '111111')).rejects.toBe(wrong);
    expect(grant.holds).toBe(false);
    expect(grant.auth()).toBeNull();
  });

  it('is dropped when its five minutes are over, and the desk says it locked again', async () => {
    const grant = await fresh();
    api.unlockSettings.mockResolvedValue(granted('t1'));
    await grant.unlock('Priya', '246813');
    vi.advanceTimersByTime(GRANT_MS - MARGIN_MS - 1);
    expect(grant.holds).toBe(true);
    vi.advanceTimersByTime(1);
    expect(grant.holds).toBe(false);
    expect(grant.lockedAgain).toBe(true);
    expect(grant.auth()).toBeNull();
  });

  it('is given back by its token when the lead leaves, without "locked again"', async () => {
    const grant = await fresh();
    api.unlockSettings.mockResolvedValue(granted('t1'));
    await grant.unlock('Priya', '246813');
    await grant.end();
    expect(api.endGrant).toHaveBeenCalledWith('t1');
    expect(grant.holds).toBe(false);
    expect(grant.lockedAgain).toBe(false);
    await grant.end();
    expect(api.endGrant, 'nothing to give back a second time').toHaveBeenCalledTimes(1);
  });

  it('gives the first grant back when a lead unlocks twice', async () => {
    const grant = await fresh();
    api.unlockSettings.mockResolvedValueOnce(granted('t1')).mockResolvedValueOnce(granted('t2'));
    await grant.unlock('Priya', '246813');
    await grant.unlock('Priya', '246813');
    expect(api.endGrant).toHaveBeenCalledWith('t1');
    expect(grant.auth()?.grant).toBe('t2');
  });

  it('makes no privileged call without a grant: it answers lead_required', async () => {
    const grant = await fresh();
    const call = vi.fn(async () => 'done');
    await expect(grant.run(call)).rejects.toMatchObject({ code: 'lead_required' });
    expect(call).not.toHaveBeenCalled();
  });

  it('is dropped when the api says a lead is required again, and kept for other refusals', async () => {
    const grant = await fresh();
    api.unlockSettings.mockResolvedValue(granted('t1'));
    await grant.unlock('Priya', '246813');
    const refusal: ApiError = { code: 'no_printer', message: 'x' };
    await expect(grant.run(async () => Promise.reject(refusal))).rejects.toBe(refusal);
    expect(grant.holds).toBe(true);

    const over: ApiError = { code: 'lead_required', message: 'the lead’s five minutes are over' };
    const seen: unknown[] = [];
    await expect(
      grant.run(async (auth) => {
        seen.push(auth);
        throw over;
      }),
    ).rejects.toBe(over);
    expect(seen).toEqual([{ lead: '', pin: '', grant: 't1' }]);
    expect(grant.holds).toBe(false);
    expect(grant.lockedAgain).toBe(true);
  });

  it('unlocking again clears "locked again"', async () => {
    const grant = await fresh();
    api.unlockSettings.mockResolvedValue(granted('t1', 1));
    await grant.unlock('Priya', '246813');
    vi.advanceTimersByTime(GRANT_MS);
    expect(grant.lockedAgain).toBe(true);
    api.unlockSettings.mockResolvedValue(granted('t2'));
    await grant.unlock('Priya', '246813');
    expect(grant.lockedAgain).toBe(false);
    expect(grant.holds).toBe(true);
  });
});
