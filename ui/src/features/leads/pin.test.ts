import { describe, expect, it } from 'vitest';
import { pinProblem } from './pin';
import { translator } from '../../lib/i18n/translator';

describe('pinProblem', () => {
  it('accepts 6 to 12 digits that match their confirmation', () => {
    expect(pinProblem('246813', '246813')).toBeNull();
    expect(pinProblem('123456789012')).toBeNull();
  });

  it('names what is wrong', () => {
    expect(pinProblem('12a456')).toBe('pin.digits');
    expect(pinProblem('2468'), 'four digits are too few for a new lead').toBe('pin.digits');
    expect(pinProblem('1234567890123')).toBe('pin.digits');
    expect(pinProblem('246813', '246814')).toBe('pin.differ');
  });

  it('says it in the desk’s language', () => {
    expect(translator('en').t('pin.digits')).toBe('A new PIN is 6 to 12 digits.');
    expect(translator('en').t('pin.differ')).toBe('The two PINs differ.');
    expect(translator('de').t('pin.digits')).toBe('Eine neue PIN hat 6 bis 12 Ziffern.');
  });
});
