import { describe, expect, it } from 'vitest';
import { LatestOnly, keepSelection, moveForKey, moveSelection } from './selection';

describe('moveSelection', () => {
  it('stops at both ends instead of wrapping', () => {
    expect(moveSelection(0, 3, 'up')).toBe(0);
    expect(moveSelection(2, 3, 'down')).toBe(2);
    expect(moveSelection(1, 3, 'down')).toBe(2);
  });

  it('has nothing to choose in an empty list', () => {
    expect(moveSelection(0, 0, 'down')).toBe(-1);
  });

  it('maps arrows, Home and End, and ignores other keys', () => {
    expect(moveForKey('ArrowDown')).toBe('down');
    expect(moveForKey('End')).toBe('last');
    expect(moveForKey('a')).toBeNull();
  });
});

describe('keepSelection', () => {
  const cards = (...ids: number[]) => ids.map((id) => ({ id }));

  it('keeps the same person chosen when others join the results', () => {
    expect(keepSelection(cards(1, 2, 3), 1, cards(7, 1, 2, 3))).toBe(2);
  });

  it('stays at the same place when the chosen person left the results', () => {
    expect(keepSelection(cards(1, 2, 3), 1, cards(1, 3))).toBe(1);
    expect(keepSelection(cards(1, 2, 3), 2, cards(1))).toBe(0);
  });

  it('chooses the first result when nothing was chosen, and nothing in an empty list', () => {
    expect(keepSelection([], -1, cards(4, 5))).toBe(0);
    expect(keepSelection(cards(1), 0, [])).toBe(-1);
  });
});

describe('LatestOnly', () => {
  it('accepts only the newest ticket', () => {
    const latest = new LatestOnly();
    const first = latest.next();
    const second = latest.next();
    expect(latest.isLatest(first)).toBe(false);
    expect(latest.isLatest(second)).toBe(true);
  });
});
