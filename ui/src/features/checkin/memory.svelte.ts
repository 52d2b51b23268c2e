// What the check-in screen remembers while the volunteer visits another
// screen and comes back (issue 9): the badge on show, the last check-ins
// at this desk (for Undo) and the badges that did not print (for Retry).
// View state of this window only; the backend owns the truth.

export interface RecentCheckIn {
  id: number;
  name: string;
  at: string;
  undone: boolean;
}

export interface FailedPrint {
  id: number;
  name: string;
  reason: string;
}

export const memory = $state<{ recent: RecentCheckIn[]; failed: FailedPrint[]; badgeFor: number | null }>({
  recent: [],
  failed: [],
  badgeFor: null,
});
