import { describe, expect, it } from 'vitest';
import { pinProblem } from './pin';

describe('pinProblem', () => {
  it('accepts 4 to 12 digits that match their confirmation', () => {
    expect(pinProblem('2468', '2468')).toBeNull();
    expect(pinProblem('123456789012')).toBeNull();
  });

  it('names what is wrong', () => {
    expect(pinProblem('12a4')).toBe('A PIN is 4 to 12 digits.');
    expect(pinProblem('123')).toBe('A PIN is 4 to 12 digits.');
    expect(pinProblem('2468', '2469')).toBe('The two PINs differ.');
  });
});
