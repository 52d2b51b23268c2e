import { describe, expect, it } from 'vitest';
import { LatestOnly, foldName, hasNamesakes, initialChoice, isTypedCharacter, keepSelection, moveForKey, moveSelection } from './selection';

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

describe('initialChoice (issue 9)', () => {
  const card = (display_name: string, checkedIn = false, cancelled = false) => ({
    display_name,
    checked_in: checkedIn ? { at: 'x' } : null,
    cancelled,
  });

  it('chooses nobody when the first result has a namesake, checked in or not', () => {
    expect(initialChoice([card('José Núñez', true), card('Jose NUNEZ')])).toBe(-1);
    expect(initialChoice([card('Núñez José'), card('José Núñez', true)])).toBe(-1);
  });

  it('never pre-selects someone checked in over someone who is not', () => {
    expect(initialChoice([card('María García', true), card('María López')])).toBe(1);
    expect(initialChoice([card('Ana', true, false), card('Ana Lima', false, true), card('Anabel')])).toBe(2);
  });

  it('falls back to the first result when everyone is in', () => {
    expect(initialChoice([card('Zoë', true)])).toBe(0);
    expect(initialChoice([])).toBe(-1);
  });

  it('folds case, accents and word order when comparing names', () => {
    expect(foldName('Núñez,  José')).toBe(foldName('jose nunez'));
    expect(hasNamesakes([card('Zoë Lefèvre'), card('Zoe Lefevre-Martin')])).toBe(false);
  });
});

describe('typed keys (issue 9)', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => ({
    key: k,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    ...mods,
  });

  it('takes characters, not shortcuts or named keys', () => {
    expect(isTypedCharacter(key('a'))).toBe(true);
    expect(isTypedCharacter(key('7'))).toBe(true);
    expect(isTypedCharacter(key('p', { ctrlKey: true }))).toBe(false);
    expect(isTypedCharacter(key('1', { altKey: true }))).toBe(false);
    expect(isTypedCharacter(key('Enter'))).toBe(false);
    expect(isTypedCharacter(key('Tab'))).toBe(false);
  });
});
