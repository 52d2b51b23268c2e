import { describe, expect, it } from 'vitest';
import demo from '../../../../assets/demo/names.json?raw';
import { EVERY_SCRIPT, parseSamples, SCRIPT_SAMPLES } from './samples';

// The Unicode scripts names are written in: each must be in the warm-up line.
const SCRIPTS = [
  'Latin', 'Greek', 'Cyrillic', 'Armenian', 'Georgian', 'Hebrew', 'Arabic', 'Thaana', 'Syriac',
  'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam',
  'Sinhala', 'Thai', 'Lao', 'Khmer', 'Myanmar', 'Tibetan', 'Ethiopic', 'Cherokee', 'Mongolian',
  'Han', 'Hiragana', 'Katakana', 'Hangul',
];

/** The scripts of SCRIPTS that `text` has letters of. */
function scriptsOf(text: string): Set<string> {
  return new Set(SCRIPTS.filter((s) => new RegExp(`\\p{Script=${s}}`, 'u').test(text)));
}

describe('the names in every script', () => {
  it('reads the table the badge tests print, a name for every script people write names in', () => {
    expect(SCRIPT_SAMPLES.length).toBeGreaterThanOrEqual(31);
    expect([...scriptsOf(EVERY_SCRIPT)].sort()).toEqual([...SCRIPTS].sort());
    for (const { script, name } of SCRIPT_SAMPLES) {
      expect(EVERY_SCRIPT).toContain(name);
      expect(script, name).not.toBe('');
    }
  });

  it('covers every script of the demo event', () => {
    const missing = [...scriptsOf(demo)].filter((s) => !scriptsOf(EVERY_SCRIPT).has(s));
    expect(missing).toEqual([]);
  });

  it('takes CRLF and comments, and names a line that is not script, tab, name', () => {
    expect(parseSamples('# a comment\r\nThai\tสมชาย ใจดี\r\n\r\nHangul\t김민준\n')).toEqual([
      { script: 'Thai', name: 'สมชาย ใจดี' },
      { script: 'Hangul', name: '김민준' },
    ]);
    expect(() => parseSamples('Thai สมชาย')).toThrow(/"Thai สมชาย"/);
    expect(() => parseSamples('Thai\t  ')).toThrow(/not "script<TAB>name"/);
  });
});
