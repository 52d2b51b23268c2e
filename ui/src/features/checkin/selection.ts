// Keyboard choice in the result list: arrows move, wrapping is off so a
// volunteer holding a key stops at the ends. Pure, tested in selection.test.ts.

export type Move = 'up' | 'down' | 'first' | 'last';

/** The new chosen index after a key, for a list of `length` results. */
export function moveSelection(current: number, length: number, move: Move): number {
  if (length === 0) return -1;
  switch (move) {
    case 'first':
      return 0;
    case 'last':
      return length - 1;
    case 'up':
      return Math.max(0, current - 1);
    case 'down':
      return Math.min(length - 1, current + 1);
  }
}

/**
 * The chosen index after the same search ran again (someone was imported or
 * checked in elsewhere): the same person stays chosen wherever they moved;
 * if they are gone, the choice stays at the same place in the list.
 */
export function keepSelection(before: readonly { id: number }[], chosen: number, after: readonly { id: number }[]): number {
  if (after.length === 0) return -1;
  const id = before[chosen]?.id;
  const same = id === undefined ? -1 : after.findIndex((card) => card.id === id);
  if (same >= 0) return same;
  return Math.min(Math.max(chosen, 0), after.length - 1);
}

/** The key's move, or null for keys the list does not handle. */
export function moveForKey(key: string): Move | null {
  switch (key) {
    case 'ArrowUp':
      return 'up';
    case 'ArrowDown':
      return 'down';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    default:
      return null;
  }
}

/**
 * Tracks the newest request so that a slow, older answer never overwrites a
 * newer one while the volunteer is still typing.
 */
export class LatestOnly {
  private issued = 0;

  next(): number {
    this.issued += 1;
    return this.issued;
  }

  isLatest(ticket: number): boolean {
    return ticket === this.issued;
  }
}
