import { describe, expect, it } from 'vitest';
import { toApiError } from './desk';

describe('toApiError', () => {
  it('keeps a backend error as it is', () => {
    const e = { code: 'unknown_code', message: 'no attendee has the code "X"' };
    expect(toApiError(e)).toBe(e);
  });

  it('wraps anything else as an internal error with its text', () => {
    expect(toApiError('command check_in not allowed')).toEqual({
      code: 'internal',
      message: 'command check_in not allowed',
    });
    expect(toApiError({ code: 'made_up', message: 'x' }).code).toBe('internal');
  });
});
