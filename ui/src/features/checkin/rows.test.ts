import { describe, expect, it } from 'vitest';
import { NO_CARD, NO_MARK, ROWS_KEPT, rowDetails, rowMark, rowSlots } from './rows';
import { formatMoney, formatTime } from '../../lib/format';
import { withoutIsolates } from '../../lib/i18n/message';
import { translator } from '../../lib/i18n/translator';
import type { AttendeeCard } from '../../api/desk';

const en = translator('en', 'en-GB');
const de = translator('de', 'de-DE');

const card: AttendeeCard = {
  id: 7,
  display_name: 'Nino Beridze',
  affiliation: 'Tbilisi State University',
  hometown: 'Kutaisi',
  ticket_type: 'Student',
  role: 'attendee',
  badge_code: 'MQ402D4EH3',
  note: '',
  checked_in: null,
  amount_due: null,
  cancelled: false,
  printed: 0,
  email_hint: 'n…@tsu.ge',
};

describe('a result row’s details', () => {
  const shown = (card: AttendeeCard) =>
    rowDetails(card)
      .map((d) => d.before + d.text)
      .join('');

  it('lists affiliation, ticket type, e-mail hint and hometown in that order, a dot between', () => {
    expect(shown(card)).toBe('Tbilisi State University · Student · n…@tsu.ge · Kutaisi');
  });

  it('leaves out the empty ones, so no separator stands alone', () => {
    expect(shown({ ...card, affiliation: '', email_hint: '' })).toBe('Student · Kutaisi');
    expect(shown({ ...card, affiliation: '', ticket_type: '' })).toBe('n…@tsu.ge · Kutaisi');
    expect(shown({ ...card, hometown: '' })).toBe('Tbilisi State University · Student · n…@tsu.ge');
    expect(shown({ ...card, affiliation: '', ticket_type: '', email_hint: '', hometown: '' })).toBe('');
  });

  it('always has four, so a row keeps its nodes whatever the card', () => {
    expect(rowDetails(card)).toHaveLength(4);
    expect(rowDetails({ ...card, affiliation: '', email_hint: '' })).toHaveLength(4);
    expect(rowDetails(NO_CARD)).toEqual([0, 1, 2, 3].map(() => ({ before: '', text: '' })));
  });
});

describe('a result row’s mark', () => {
  const at = '2026-11-22T09:14:00.000Z';
  const owes = { minor: 2500, currency: 'EUR', exponent: 2 };

  it('says not yet for someone who may come in', () => {
    expect(rowMark(card, en)).toEqual({ tone: 'todo', text: 'Not yet' });
  });

  it('says when someone came in', () => {
    const mark = rowMark({ ...card, checked_in: { at, desk: 'Desk 2', operator: 'Anna' } }, en);
    expect(mark.tone).toBe('done');
    expect(withoutIsolates(mark.text)).toContain(formatTime(at, 'en-GB'));
  });

  it('says what someone owes, in the locale’s money', () => {
    const mark = rowMark({ ...card, amount_due: owes }, de);
    expect(mark.tone).toBe('owes');
    expect(withoutIsolates(mark.text)).toContain(formatMoney(owes, 'de-DE'));
  });

  it('puts a cancellation before everything else', () => {
    const mark = rowMark({ ...card, cancelled: true, checked_in: { at, desk: 'Desk 2', operator: 'Anna' }, amount_due: owes }, en);
    expect(mark.tone).toBe('refused');
    expect(mark.text).toBe(en.t('checkin.cancelled'));
  });

  it('puts having come in before an amount still owed', () => {
    expect(rowMark({ ...card, checked_in: { at, desk: 'Desk 2', operator: 'Anna' }, amount_due: owes }, en).tone).toBe('done');
  });
});

describe('the rows the screen keeps', () => {
  it('keeps a full list’s rows whether a search found none, some or all of them', () => {
    expect(ROWS_KEPT).toBe(12);
    expect(rowSlots(0)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(rowSlots(3)).toHaveLength(12);
    expect(rowSlots(12)).toHaveLength(12);
  });

  it('makes room for more cards than that rather than leave any out', () => {
    expect(rowSlots(15)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('folds a row away with nothing of anyone in it', () => {
    expect(NO_CARD.display_name).toBe('');
    expect(NO_CARD.badge_code).toBe('');
    expect(NO_MARK.text).toBe('');
    expect(NO_MARK.tone).not.toBe('done');
    // A folded row's role shows no words either.
    expect(en.role(NO_CARD.role)).toBe('');
  });
});
