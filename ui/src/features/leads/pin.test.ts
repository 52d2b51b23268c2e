import { describe, expect, it } from 'vitest';
import { pinProblem } from './pin';
import { translator } from '../../lib/i18n/translator';

describe('pinProblem', () => {
  it('accepts 4 to 12 digits that match their confirmation', () => {
    expect(pinProblem('2468', '2468')).toBeNull();
    expect(pinProblem('123456789012')).toBeNull();
  });

  it('names what is wrong', () => {
    expect(pinProblem('12a4')).toBe('pin.digits');
    expect(pinProblem('123')).toBe('pin.digits');
    expect(pinProblem('2468', '2469')).toBe('pin.differ');
  });

  it('says it in the desk’s language', () => {
    expect(translator('en').t('pin.digits')).toBe('A PIN is 4 to 12 digits.');
    expect(translator('en').t('pin.differ')).toBe('The two PINs differ.');
    expect(translator('de').t('pin.digits')).toBe('Eine PIN hat 4 bis 12 Ziffern.');
  });
});
