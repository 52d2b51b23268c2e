import { describe, expect, it } from 'vitest';
import { problemCount } from './problems';

const problem = (line: number, column: string | null = null) => ({ line, column, reason: 'x' });

describe('problemCount', () => {
  it('counts rows, not problems: a row with two bad cells is one row skipped', () => {
    const report = { problems: [problem(4, 'Email'), problem(4, 'Status'), problem(9)], new: 3, updated: 1, unchanged: 2 };
    expect(problemCount(report)).toEqual({ bad: 2, good: 6 });
  });

  it('is zero rows skipped for a clean file', () => {
    expect(problemCount({ problems: [], new: 4, updated: 0, unchanged: 0 })).toEqual({ bad: 0, good: 4 });
  });
});
