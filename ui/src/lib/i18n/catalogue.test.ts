// Every language says everything English says, with the same parameters.
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './languages';
import { checkSyntax, paramsOf, pluralSelectors, withoutIsolates } from './message';
import { CATALOGUES, translator } from './translator';
import { en } from './messages/en';

const keys = Object.keys(en).sort();

/** A message's parameters as comparable text: "count:plural, name:text". */
function signature(message: string): string {
  return [...paramsOf(message)]
    .map(([name, kind]) => `${name}:${kind}`)
    .sort()
    .join(', ');
}

describe.each(LANGUAGES)('the %s catalogue', (lang) => {
  const catalogue: Record<string, string> = CATALOGUES[lang];

  it('has every key of the English one, and no other', () => {
    const missing = keys.filter((k) => typeof catalogue[k] !== 'string');
    const extra = Object.keys(catalogue).filter((k) => !(k in en));
    expect(missing, `keys missing in ${lang}`).toEqual([]);
    expect(extra, `keys in ${lang} that English does not have`).toEqual([]);
  });

  it('gives no key an empty text', () => {
    expect(keys.filter((k) => (catalogue[k] ?? '').trim() === '')).toEqual([]);
  });

  it('uses the same parameters as English in every text', () => {
    const differ = keys
      .filter((k) => typeof catalogue[k] === 'string')
      .map((k) => ({ key: k, en: signature(en[k as keyof typeof en]), [lang]: signature(catalogue[k] ?? '') }))
      .filter((row) => row.en !== row[lang]);
    expect(differ).toEqual([]);
  });

  it('writes every text in valid syntax, with plural forms the language has', () => {
    const categories = new Set<string>(new Intl.PluralRules(lang).resolvedOptions().pluralCategories);
    for (const key of keys) {
      const text = catalogue[key] ?? '';
      expect(() => checkSyntax(text), `${lang} ${key}`).not.toThrow();
      for (const selector of pluralSelectors(text)) {
        expect(selector.startsWith('=') || categories.has(selector), `${lang} ${key}: "${selector}" is no plural form of ${lang}`).toBe(
          true,
        );
      }
    }
  });
});

describe('a catalogue check', () => {
  // The checks above, run on catalogues that are wrong on purpose, must fail.
  function problems(candidate: Record<string, string>): string[] {
    const out: string[] = [];
    for (const key of keys) {
      const text = candidate[key];
      if (typeof text !== 'string') out.push(`missing ${key}`);
      else if (signature(text) !== signature(en[key as keyof typeof en])) out.push(`parameters of ${key}`);
    }
    return out;
  }

  it('notices a key missing from a language', () => {
    const { ['badge.print']: _dropped, ...rest } = { ...CATALOGUES.de };
    void _dropped;
    expect(problems(rest)).toEqual(['missing badge.print']);
  });

  it('notices a parameter renamed, or a number no longer counted as one', () => {
    expect(problems({ ...CATALOGUES.fr, 'print.sent': 'Badge envoyé à {imprimante}.' })).toEqual(['parameters of print.sent']);
    expect(problems({ ...CATALOGUES.es, 'badge.printed': 'Impresa {count} veces.' })).toEqual(['parameters of badge.printed']);
  });
});

describe('the English words the end-to-end journeys read (tests/e2e)', () => {
  const tr = translator('en');
  const plain = (s: string) => withoutIsolates(s);

  it('keeps them word for word', () => {
    expect(plain(tr.t('status.checkedIn', { name: 'José Núñez', time: '09:14' }))).toContain('Checked in');
    expect(tr.t('status.title.alreadyCheckedIn')).toBe('Already checked in');
    expect(plain(tr.t('checkin.inAt', { time: '09:14' }))).toContain('In at');
    expect(tr.t('shell.counts', { checked: 3, total: 12 })).toMatch(/^3 of /);
    expect(tr.t('live.total', { checked: 1, expected: 12 })).toMatch(/^1 of /);
    expect(tr.t('import.new', { count: 20000 })).toBe('20000 new');
    expect(tr.t('import.doneSummary', { new: 4, updated: 0, unchanged: 0, left: 0 })).toContain('4 new');
    expect(tr.parts('import.done', { file: 'pretix.csv' })).toEqual([
      { text: 'Imported ' },
      { param: 'file', value: 'pretix.csv', isolated: true },
    ]);
    expect(tr.t('error.pin_wrong')).toContain('wrong lead name or PIN');
    expect(tr.t('error.pin_wrong.left', { count: 4 })).toContain('wrong lead name or PIN: 4 tries left');
    expect(tr.t('badges.batchSaved', { count: 12 })).toBe('12 badges saved as a PDF.');
    expect(tr.t('badges.savePdf')).toBe('Save as PDF…');
    expect(tr.t('import.confirmSkipping', { good: 2, bad: 1 })).toBe('Import the 2 good rows, skip the 1 listed');
    expect(tr.t('import.doneSummary', { new: 2, updated: 0, unchanged: 0, left: 1 })).toContain('1 row left out');
    expect(plain(tr.t('error.already_printed.count', { name: 'Zoë', count: 1 }))).toContain('already printed 1 time');
    expect(plain(tr.t('print.sentAgain', { printer: 'BadgePDF', count: 2 }))).toContain('printed 2 times');
    expect(tr.t('badge.printed', { count: 2 })).toBe('Printed 2 times.');
    expect(tr.t('cash.noShift')).toContain('closed');
    const shift = { operator: 'Robin', time: '12:04', float: '€60.00' };
    expect(tr.t('cash.shiftOpen', { ...shift, count: 0 })).toContain('0 sales');
    expect(tr.t('cash.shiftOpen', { ...shift, count: 1 })).toContain('1 sale');
    expect(tr.t('cash.report.takings', { amount: '€25.00', count: 1 })).toContain('1 sale');
    expect(tr.t('cash.receipt.detail', { receipt: 'A', ticket: 'B', method: 'C', paid: 'D' })).toMatch(/^Receipt /);
    expect(tr.t('cash.receipt.title', { name: 'Amara' })).toContain('checked in');
    expect(tr.t('error.no_printer')).toContain('No printer');
    expect(tr.t('cash.move.done', { kind: 'pay_out', amount: '€5.00', seq: 4 })).toMatch(/^Paid out /);
    expect(tr.t('error.difference_needs_lead')).toMatch(/count again.*lead/);
    expect(tr.t('cash.close.approvedBy', { lead: 'Priya' })).toContain('approved by');
    expect(tr.t('cash.report.chain', { drawer: 'd', entries: 5, seq: 5, hash: 'ab' })).toContain('hash');
  });
});
