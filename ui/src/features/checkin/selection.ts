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

/** A name folded for comparing namesakes: case, accents and word order aside. */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[\s,.·-]+/u)
    .filter((w) => w !== '')
    .sort()
    .join(' ');
}

/** Whether the first result shares its name with another result: then the volunteer must choose (issue 9). */
export function hasNamesakes(results: readonly { display_name: string }[]): boolean {
  const first = results[0];
  if (!first || results.length < 2) return false;
  const name = foldName(first.display_name);
  return results.slice(1).some((card) => foldName(card.display_name) === name);
}

/**
 * Which result a new search starts on (issue 9): none when the first
 * result has a namesake in the list (the volunteer tells them apart and
 * chooses); otherwise the first who may still come in (not checked in, not
 * cancelled), so that someone already checked in is never pre-selected
 * over someone who is not; else the first result.
 */
export function initialChoice(
  results: readonly { display_name: string; checked_in: unknown; cancelled: boolean }[],
): number {
  if (results.length === 0) return -1;
  if (hasNamesakes(results)) return -1;
  const open = results.findIndex((card) => card.checked_in === null && !card.cancelled);
  return open >= 0 ? open : 0;
}

/** Whether a key press is a character typed (or scanned) for the search box, not a shortcut. */
export function isTypedCharacter(event: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean }): boolean {
  return event.key.length === 1 && !event.ctrlKey && !event.altKey && !event.metaKey;
}

/** Whether an element edits text of its own, so the keys typed there are its, not the search box's. */
export function editsText(element: Element | null): boolean {
  if (!element) return false;
  const tag = element.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if ((element as HTMLElement).isContentEditable) return true;
  if (tag !== 'INPUT') return false;
  const type = (element as HTMLInputElement).type;
  return !['button', 'submit', 'reset', 'checkbox', 'radio', 'file', 'image', 'range', 'color'].includes(type);
}
