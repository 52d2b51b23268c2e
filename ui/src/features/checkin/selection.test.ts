import { describe, expect, it } from 'vitest';
import { LatestOnly, moveForKey, moveSelection } from './selection';

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

describe('LatestOnly', () => {
  it('accepts only the newest ticket', () => {
    const latest = new LatestOnly();
    const first = latest.next();
    const second = latest.next();
    expect(latest.isLatest(first)).toBe(false);
    expect(latest.isLatest(second)).toBe(true);
  });
});
