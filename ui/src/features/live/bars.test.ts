import { describe, expect, it } from 'vitest';
import { arrivalBars, share } from './bars';

describe('arrivalBars', () => {
  it('scales bars to the busiest quarter hour and keeps empty ones', () => {
    const bars = arrivalBars(
      [
        { start: '2026-11-22T08:00:00.000Z', count: 4 },
        { start: '2026-11-22T08:15:00.000Z', count: 0 },
        { start: '2026-11-22T08:30:00.000Z', count: 2 },
      ],
      'en-GB',
    );
    expect(bars.map((b) => b.height)).toEqual([1, 0, 0.5]);
    expect(bars[1]?.count).toBe(0);
  });

  it('draws nothing for no arrivals', () => {
    expect(arrivalBars([])).toEqual([]);
  });
});

describe('share', () => {
  it('rounds to whole percents', () => {
    expect(share(1, 3)).toBe('33 %');
    expect(share(0, 0)).toBe('');
  });
});
