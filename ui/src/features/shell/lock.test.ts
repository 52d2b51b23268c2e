import { describe, expect, it } from 'vitest';
import { isOperator } from './lock';

describe('isOperator (issue 9)', () => {
  it('matches the volunteer at the desk without regard to case, accents or spaces', () => {
    expect(isOperator('  robin ', 'Robin')).toBe(true);
    expect(isOperator('ZOE  lefevre', 'Zoë Lefèvre')).toBe(true);
  });

  it('refuses anyone else, an empty name, and a desk with no shift', () => {
    expect(isOperator('Sam', 'Robin')).toBe(false);
    expect(isOperator('', 'Robin')).toBe(false);
    expect(isOperator('Robin', null)).toBe(false);
  });
});
