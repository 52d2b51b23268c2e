import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  FSI,
  PDI,
  MessageSyntaxError,
  checkSyntax,
  formatMessage,
  formatParts,
  paramsOf,
  withoutIsolates,
  type ParamsOf,
} from './message';

const times = '{count, plural, =0 {never} one {# time} other {# times}}';

describe('plural forms', () => {
  it('chooses the English form by Intl.PluralRules, and an exact =N first', () => {
    expect(formatMessage('en', `printed ${times}`, { count: 0 })).toBe('printed never');
    expect(formatMessage('en', `printed ${times}`, { count: 1 })).toBe('printed 1 time');
    expect(formatMessage('en', `printed ${times}`, { count: 2 })).toBe('printed 2 times');
    expect(formatMessage('en', `printed ${times}`, { count: 20000 })).toBe('printed 20000 times');
  });

  it('follows each language’s rules: French counts 0 and 1 as one, English only 1', () => {
    const fr = '{n, plural, one {# badge imprimé} other {# badges imprimés}}';
    expect(formatMessage('fr', fr, { n: 0 })).toBe('0 badge imprimé');
    expect(formatMessage('fr', fr, { n: 1 })).toBe('1 badge imprimé');
    expect(formatMessage('fr', fr, { n: 2 })).toBe('2 badges imprimés');
    const en = '{n, plural, one {# badge} other {# badges}}';
    expect(formatMessage('en', en, { n: 0 })).toBe('0 badges');
  });

  it('uses "other" for a category the message does not spell out', () => {
    expect(formatMessage('fr', '{n, plural, one {# fois} other {# fois}}', { n: 1_000_000 })).toBe('1000000 fois');
    expect(formatMessage('de', '{n, plural, other {# neu}}', { n: 1 })).toBe('1 neu');
  });

  it('keeps parameters inside a branch', () => {
    expect(formatMessage('en', '{n, plural, one {# badge to {printer}} other {# badges to {printer}}}', { n: 3, printer: 'P' })).toBe(
      `3 badges to ${FSI}P${PDI}`,
    );
  });
});

describe('select', () => {
  it('chooses by the value and falls back to other, which may show the value', () => {
    const m = '{kind, select, new {new} updated {updated} other {{kind}}}';
    expect(formatMessage('en', m, { kind: 'new' })).toBe('new');
    expect(withoutIsolates(formatMessage('en', m, { kind: 'moved' }))).toBe('moved');
  });
});

describe('parameters', () => {
  it('isolates every text parameter for bidi, and leaves numbers alone', () => {
    const text = formatMessage('en', '{name} owes {amount} for {n} tickets', { name: 'محمد', amount: '€5.00', n: 2 });
    expect(text).toBe(`${FSI}محمد${PDI} owes ${FSI}€5.00${PDI} for 2 tickets`);
  });

  it('gives the parts apart for markup, text values marked for <bdi>', () => {
    expect(formatParts('en', 'Imported {file}', { file: 'pretix.csv' })).toEqual([
      { text: 'Imported ' },
      { param: 'file', value: 'pretix.csv', isolated: true },
    ]);
  });

  it('a bidi control inside a name stays inside its isolate', () => {
    const name = 'Eve\u202eevil';
    const text = formatMessage('en', 'Checked in: {name} at {time}', { name, time: '09:14' });
    const inside = text.slice(text.indexOf(FSI) + 1, text.indexOf(PDI));
    expect(inside).toBe(name);
  });

  it('refuses to format with a parameter missing, rather than show a brace', () => {
    expect(() => formatMessage('en', 'Hello {name}', {})).toThrow(/name/);
    expect(() => formatMessage('en', times, { count: 'many' })).toThrow(/number/);
  });

  it('lists a message’s parameters and how each is used', () => {
    expect([...paramsOf(`{name}'s badge, ${times}, {kind, select, a {x} other {{extra}}}`)]).toEqual([
      ['name', 'text'],
      ['count', 'plural'],
      ['kind', 'select'],
      ['extra', 'text'],
    ]);
  });

  it('types the parameters from the text', () => {
    expectTypeOf<ParamsOf<'Badge sent to {printer}.'>>().toEqualTypeOf<{ printer: string | number }>();
    expectTypeOf<ParamsOf<`Printed ${'{count, plural, one {# time} other {# times}}'}.`>>().toEqualTypeOf<{ count: number }>();
    expectTypeOf<ParamsOf<'Line {line}: {kind, select, new {new} other {{kind}}} {name}'>>().toEqualTypeOf<{
      line: string | number;
      kind: string;
      name: string | number;
    }>();
    expectTypeOf<ParamsOf<'No parameters.'>>().toEqualTypeOf<{}>();
  });
});

describe('syntax', () => {
  it('refuses a message it cannot read, naming the fault', () => {
    for (const bad of ['{name', 'a } b', '{1x}', '{n, plural, one {#}}', '{n, plural, one {#} one {#} other {#}}', '{n, choose, other {x}}']) {
      expect(() => checkSyntax(bad), bad).toThrow(MessageSyntaxError);
    }
  });

  it('reads apostrophes as plain text (unlike ICU)', () => {
    expect(withoutIsolates(formatMessage('en', "{name}'s badge", { name: 'Zoë' }))).toBe("Zoë's badge");
  });
});
