// A lead's grant, the one place the page keeps it. `unlock_settings` checks
// a lead's name and PIN once and answers with a random token good for five
// minutes; the page keeps that token (with its end), never the PIN, and
// sends `{ lead: '', pin: '', grant }` with each privileged call while it
// holds. It is given back (`end_grant`) when the lead leaves the screen
// that asked for it, or after the one action a dialog asked for, and
// dropped when its five minutes are over (then `lockedAgain` is set and the
// screens ask again). The api decides: a `lead_required` answer to a call
// that carried the grant means it no longer holds, whatever this clock says.
import { desk, type ApiError, type LeadAuth, type LeadGrant } from '../../api/desk';

/** How long a grant holds at most (the api's `GRANT_MILLIS`). */
export const GRANT_MS = 5 * 60 * 1000;

/** Dropped this long before its end, so that no call leaves with a grant about to run out. */
export const MARGIN_MS = 5 * 1000;

/**
 * How long the page keeps a grant ending at `expiresAt` (RFC 3339), from
 * `nowMs`: up to its end less the margin, never more than five minutes
 * (a desk clock set wrong cannot stretch it), 0 when it is over. An end the
 * page cannot read is taken as five minutes from now: the api still decides.
 */
export function keepFor(expiresAt: string, nowMs: number): number {
  const end = Date.parse(expiresAt);
  const left = Number.isNaN(end) ? GRANT_MS : Math.min(GRANT_MS, end - nowMs);
  return Math.max(0, left - MARGIN_MS);
}

/** The refusal a privileged call gets when no grant is held (no call is made). */
const NO_GRANT: ApiError = { code: 'lead_required', message: 'no lead unlocked this desk' };

interface Held {
  grant: string;
  lead: string;
  expiresAt: string;
}

let held = $state<Held | null>(null);
let lockedAgain = $state(false);
let timer: ReturnType<typeof setTimeout> | undefined;

function drop(expired: boolean): void {
  clearTimeout(timer);
  timer = undefined;
  held = null;
  lockedAgain = expired;
}

export const leadGrant = {
  /** True while a grant is held. */
  get holds(): boolean {
    return held !== null;
  },
  /** The lead who unlocked, while a grant is held. */
  get lead(): string | null {
    return held?.lead ?? null;
  },
  /** When the grant ends (RFC 3339), while one is held. */
  get expiresAt(): string | null {
    return held?.expiresAt ?? null;
  },
  /** True after a grant ran out (or the api refused it) until a lead unlocks again or the screen changes. */
  get lockedAgain(): boolean {
    return lockedAgain;
  },

  /** What to send as `auth` with a privileged call while the grant holds; null when none is held. */
  auth(): LeadAuth | null {
    return held ? { lead: '', pin: '', grant: held.grant } : null;
  },

  /**
   * Checks a lead's name and PIN and keeps the grant the api gives. The PIN
   * goes out with this one call and is not kept. Throws the api's refusal
   * (wrong PIN with tries left, locked until when).
   */
  async unlock(lead: string, pin: string): Promise<LeadGrant> {
    const answer = await desk.unlockSettings({ lead, pin });
    const before = held?.grant;
    drop(false);
    // A grant held before (two unlocks in a row) is given back, not left to run out.
    if (before && before !== answer.grant) void desk.endGrant(before).catch(() => undefined);
    held = { grant: answer.grant, lead: answer.lead, expiresAt: answer.expires_at };
    timer = setTimeout(() => drop(true), keepFor(answer.expires_at, Date.now()));
    return answer;
  },

  /** Gives the grant back (the lead left the screen, or their one action is done). */
  async end(): Promise<void> {
    const grant = held?.grant;
    drop(false);
    // A grant that cannot be given back still ends by itself within five minutes.
    if (grant) await desk.endGrant(grant).catch(() => undefined);
  },

  /**
   * Runs a privileged call with the grant. Without one it makes no call and
   * throws `lead_required`. A `lead_required` answer to the grant drops it
   * (the screens then ask for a PIN again, saying it is locked again).
   */
  async run<T>(call: (auth: LeadAuth) => Promise<T>): Promise<T> {
    const auth = leadGrant.auth();
    if (!auth) throw NO_GRANT;
    try {
      return await call(auth);
    } catch (e) {
      leadGrant.refused(e as ApiError, auth);
      throw e;
    }
  },

  /**
   * After a refused call: true when the refusal asks for a lead
   * (`lead_required`), so the screen asks for a name and PIN again. When
   * the call carried the grant held now, the grant is dropped as over.
   */
  refused(error: ApiError, sent: LeadAuth | null): boolean {
    if (error.code !== 'lead_required') return false;
    if (sent?.grant && held?.grant === sent.grant) drop(true);
    return true;
  },
};
