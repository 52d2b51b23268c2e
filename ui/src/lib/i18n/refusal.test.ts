// Each of the api's codes becomes a sentence from its fields, in English
// and German word for word, and in French and Spanish at least not English.
import { describe, expect, it } from 'vitest';
import type { ApiError, ErrorCode } from '../../api/desk';
import { formatMoney, formatTime } from '../format';
import { FSI, PDI, withoutIsolates } from './message';
import { characterLabel, characterList, distinctCharacters, fieldLabel, refusalText, type RefusalContext } from './refusal';
import { translator } from './translator';
import { LANGUAGES } from './languages';

const AT = '2026-11-22T09:14:00.000Z';
const DUE = { minor: 2500, currency: 'EUR', exponent: 2 };
const enTime = formatTime(AT, 'en-GB');
const deTime = formatTime(AT, 'de-DE');

interface Case {
  error: Omit<ApiError, 'code'>;
  context?: RefusalContext;
  en: string;
  de: string;
}

// Typed by ErrorCode: a code the api adds fails the type check here until it has a case.
const CASES: Record<ErrorCode, Case> = {
  already_checked_in: {
    error: { message: 'x', display_name: 'Ana', attendee_id: 1, prior_check_in: { at: AT, desk: 'Front desk', operator: 'Robin' } },
    en: `First checked in at ${enTime} at Front desk by Robin. Do not hand out a second badge.`,
    de: `Zuerst eingecheckt um ${deTime} am Schalter Front desk von Robin. Kein zweites Namensschild ausgeben.`,
  },
  unknown_code: {
    error: { message: 'nobody matches "zzz": check the spelling or scan the badge' },
    context: { typed: ' zzz ' },
    en: 'Nobody matches “zzz”: check the spelling or scan the badge.',
    de: 'Niemand passt zu „zzz“: Prüfen Sie die Schreibweise, oder scannen Sie das Namensschild.',
  },
  ticket_cancelled: {
    error: { message: 'x', display_name: 'Ana Silva', attendee_id: 1 },
    en: "Ana Silva's ticket was cancelled: no badge; send them to a lead.",
    de: 'Das Ticket von Ana Silva wurde storniert: kein Namensschild; schicken Sie die Person zu einer Teamleitung.',
  },
  amount_due: {
    error: { message: 'x', display_name: 'Ana', attendee_id: 1, amount_due: DUE },
    en: `Ana still owes ${formatMoney(DUE, 'en-GB')}: take the payment, or a lead lets them in now with their PIN.`,
    de: `Ana schuldet noch ${formatMoney(DUE, 'de-DE')}: Nehmen Sie die Zahlung an, oder eine Teamleitung lässt die Person jetzt mit ihrer PIN ein.`,
  },
  unknown_attendee: {
    error: { message: 'attendee 9 does not exist in this event' },
    en: 'This attendee is not in this event (any more): search again.',
    de: 'Diese Person gehört nicht (mehr) zur Veranstaltung: Suchen Sie erneut.',
  },
  no_operator: {
    error: { message: 'type your name to start your shift before checking people in' },
    en: 'Type your name to start your shift first.',
    de: 'Geben Sie zuerst Ihren Namen ein, um Ihre Schicht zu beginnen.',
  },
  invalid_input: {
    error: { message: 'name must not be empty', field: 'display_name' },
    en: 'Full name: name must not be empty',
    de: 'Vollständiger Name: name must not be empty',
  },
  lead_required: {
    error: { message: 'x' },
    en: "Only a lead may do this: a lead's name and PIN are needed.",
    de: 'Das darf nur eine Teamleitung: Name und PIN einer Teamleitung sind nötig.',
  },
  pin_wrong: {
    error: { message: 'wrong lead name or PIN (4 tries left before a five-minute lock)', tries_left: 4 },
    en: 'That was the wrong lead name or PIN: 4 tries left before PIN entry is locked for five minutes.',
    de: 'Name oder PIN der Teamleitung ist falsch: noch 4 Versuche, bevor die PIN-Eingabe für fünf Minuten gesperrt wird.',
  },
  pin_locked: {
    error: { message: 'PIN entry is locked after 5 wrong PINs: try again after 09:14 (UTC)', retry_at: AT },
    en: `PIN entry is locked after five wrong PINs in a row: try again after ${enTime}.`,
    de: `Die PIN-Eingabe ist nach fünf falschen PINs in Folge gesperrt: Versuchen Sie es ab ${deTime} wieder.`,
  },
  lead_exists: {
    error: { message: 'x' },
    en: 'This event already has a lead: ask them to add you in the settings.',
    de: 'Diese Veranstaltung hat schon eine Teamleitung: Bitten Sie sie, Sie in den Einstellungen hinzuzufügen.',
  },
  no_leads: {
    error: { message: 'x' },
    en: 'No lead is set up for this event yet.',
    de: 'Für diese Veranstaltung ist noch keine Teamleitung eingerichtet.',
  },
  not_checked_in: {
    error: { message: 'x', display_name: 'Ana', attendee_id: 1 },
    en: 'Ana is not checked in: nothing to undo.',
    de: 'Ana ist nicht eingecheckt: Es gibt nichts rückgängig zu machen.',
  },
  already_printed: {
    error: { message: 'x', display_name: 'Zoë Lefèvre', attendee_id: 1 },
    context: { printed: 1, lastPrintedAt: AT },
    en: `Zoë Lefèvre's badge was already printed 1 time (last at ${enTime}): reprint only if it is lost or wrong.`,
    de: `Das Namensschild von Zoë Lefèvre wurde bereits 1 Mal gedruckt (zuletzt um ${deTime}): Nachdrucken nur, wenn es verloren oder falsch ist.`,
  },
  print_failed: {
    error: { message: 'the printer BadgeOff is paused for the tests', display_name: 'Ana', attendee_id: 1 },
    en: 'the printer BadgeOff is paused for the tests',
    de: 'Der Drucker hat den Auftrag nicht angenommen; das Namensschild bleibt für einen neuen Versuch vorgemerkt. Meldung: the printer BadgeOff is paused for the tests',
  },
  no_printer: {
    error: { message: 'x' },
    en: 'No printer is chosen for this desk: pick one in the badge settings.',
    de: 'Für diesen Schalter ist kein Drucker gewählt: Wählen Sie einen in den Namensschild-Einstellungen.',
  },
  import_needs_mapping: {
    error: { message: 'x' },
    context: { file: 'people.csv' },
    en: 'The columns of people.csv are not those of a pretix, Tito or Eventbrite export: map them by hand.',
    de: 'Die Spalten von people.csv sind nicht die eines Exports von pretix, Tito oder Eventbrite: Ordnen Sie sie von Hand zu.',
  },
  import_has_problems: {
    error: { message: 'people.csv: 2 rows have problems (lines 4 and 9), so nothing was imported' },
    context: { file: 'people.csv', problemRows: 2 },
    en: 'people.csv: 2 rows have problems, so nothing was imported: fix the file, or import it skipping these rows.',
    de: 'people.csv: 2 Zeilen haben Probleme, deshalb wurde nichts importiert: Korrigieren Sie die Datei, oder importieren Sie sie ohne diese Zeilen.',
  },
  event_exists: {
    error: { message: 'x' },
    en: 'This database already holds an event; nothing was changed.',
    de: 'Diese Datenbank enthält bereits eine Veranstaltung; es wurde nichts geändert.',
  },
  no_event: {
    error: { message: 'x' },
    en: 'This database holds no event yet.',
    de: 'Diese Datenbank enthält noch keine Veranstaltung.',
  },
  disk_full: {
    error: { message: 'x' },
    en: 'The disk is full: nothing was saved. Free some space (or move the event to another disk), then try again.',
    de: 'Der Datenträger ist voll: Es wurde nichts gespeichert. Schaffen Sie Platz (oder verschieben Sie die Veranstaltung auf einen anderen Datenträger) und versuchen Sie es erneut.',
  },
  busy: {
    error: { message: 'x' },
    en: 'Another program is writing to the event file: nothing was saved. Try again in a moment.',
    de: 'Ein anderes Programm schreibt gerade in die Veranstaltungsdatei: Es wurde nichts gespeichert. Versuchen Sie es gleich noch einmal.',
  },
  no_database: {
    error: { message: 'there is no event database at /tmp/evnet.db: nothing was created' },
    en: 'No event database was found: there is no event database at /tmp/evnet.db: nothing was created',
    de: 'Keine Veranstaltungsdatenbank gefunden: there is no event database at /tmp/evnet.db: nothing was created',
  },
  not_a_lanyard_database: {
    error: { message: '/tmp/photos.db is not a SQLite database' },
    en: '/tmp/photos.db is not a SQLite database',
    de: 'Diese Datei ist keine Lanyard-Datenbank. Meldung: /tmp/photos.db is not a SQLite database',
  },
  database_too_new: {
    error: { message: 'event.db was written by a newer Lanyard (schema 9)' },
    en: 'event.db was written by a newer Lanyard (schema 9)',
    de: 'Diese Datenbank stammt von einer neueren Lanyard-Version. Meldung: event.db was written by a newer Lanyard (schema 9)',
  },
  database_damaged: {
    error: { message: 'event.db failed its integrity check' },
    en: 'event.db failed its integrity check',
    de: 'Die Datenbank ist beschädigt. Meldung: event.db failed its integrity check',
  },
  storage: {
    error: { message: 'disk I/O error' },
    en: 'disk I/O error',
    de: 'Speicherfehler. Meldung: disk I/O error',
  },
  already_a_lead: {
    error: { message: 'Priya is already a lead' },
    context: { lead: 'Priya' },
    en: 'Priya is already a lead.',
    de: 'Priya gehört bereits zur Teamleitung.',
  },
  last_lead: {
    error: { message: 'x' },
    en: 'The last lead cannot be removed: add another first.',
    de: 'Die letzte Teamleitung kann nicht entfernt werden: Fügen Sie zuerst eine weitere hinzu.',
  },
  missing_characters: {
    error: { message: 'x', display_name: 'Ferris 🦀 Crab', attendee_id: 1, missing: ['🦀'] },
    en: "No font has 🦀 of Ferris 🦀 Crab's name: the badge would print without it.",
    de: 'Keine Schrift enthält 🦀 aus dem Namen von Ferris 🦀 Crab: Das Namensschild würde ohne dieses Zeichen gedruckt.',
  },
  no_cash_shift: {
    error: { message: "this desk's drawer is not open: count the float and open a cash shift first" },
    en: "This desk's drawer is not open: count the float and open a shift first.",
    de: 'Die Kasse dieses Schalters ist nicht geöffnet: Zählen Sie das Wechselgeld und öffnen Sie zuerst eine Schicht.',
  },
  cash_shift_open: {
    error: { message: "this desk's drawer is already open (Robin's shift)" },
    en: "This desk's drawer is already open: close that shift with a count before the next one opens.",
    de: 'Die Kasse dieses Schalters ist schon geöffnet: Schließen Sie diese Schicht mit einer Zählung, bevor die nächste beginnt.',
  },
  day_closed: {
    error: { message: 'the cash day 2026-11-22 is closed: nothing more can be booked into it' },
    context: { day: '2026-11-22' },
    en: 'The cash day 2026-11-22 is closed: nothing more can be booked into it.',
    de: 'Der Kassentag 2026-11-22 ist abgeschlossen: Es kann nichts mehr gebucht werden.',
  },
  difference_needs_lead: {
    error: { message: 'the count differs from what the ledger expects by more than the tolerance' },
    en: 'The count is further from what the drawer should hold than the tolerance allows: count again, or have a lead approve it with a note and their PIN.',
    de: 'Die Zählung weicht weiter vom Soll ab, als die Toleranz erlaubt: Zählen Sie nochmals, oder lassen Sie sie von einer Teamleitung mit Notiz und PIN freigeben.',
  },
  unknown_receipt: {
    error: { message: 'no sale has the receipt number ZZZ-000001' },
    context: { receipt: ' ZZZ-000001 ' },
    en: 'No sale has the receipt number ZZZ-000001.',
    de: 'Kein Verkauf hat die Belegnummer ZZZ-000001.',
  },
  already_refunded: {
    error: { message: 'the sale ABC-000002 was already refunded or voided: nothing was booked' },
    context: { receipt: 'ABC-000002' },
    en: 'The sale ABC-000002 was already refunded or voided: nothing was booked.',
    de: 'Der Verkauf ABC-000002 wurde bereits erstattet oder storniert: Es wurde nichts gebucht.',
  },
  read_only: {
    error: { message: 'this event is open read-only: check-ins are disabled' },
    en: 'This event is open read-only: check-ins and every other change are disabled.',
    de: 'Diese Veranstaltung ist schreibgeschützt geöffnet: Einchecken und alle anderen Änderungen sind gesperrt.',
  },
  possible_duplicate: {
    error: { message: 'José Núñez may already be registered (José Núñez, PSV)', matches: [] },
    context: { newcomer: 'José Núñez' },
    en: 'José Núñez may already be registered: check them in instead, or register them as a new person.',
    de: 'José Núñez ist vielleicht schon angemeldet: Checken Sie die Person stattdessen ein, oder melden Sie sie als neue Person an.',
  },
  internal: {
    error: { message: 'the desk did not answer' },
    en: 'the desk did not answer',
    de: 'Interner Fehler. Meldung: the desk did not answer',
  },
};

const en = translator('en', 'en-GB');
const de = translator('de', 'de-DE');

/** Codes whose message is words from outside the desk (SQLite, CUPS, a parser): every language shows them. */
const WORDS_FROM_OUTSIDE: ErrorCode[] = [
  'invalid_input',
  'print_failed',
  'not_a_lanyard_database',
  'database_too_new',
  'database_damaged',
  'storage',
  'internal',
];

describe.each(Object.entries(CASES) as [ErrorCode, Case][])('the sentence for %s', (code, c) => {
  const error: ApiError = { code, ...c.error };

  it('is built from the fields, in English and in German', () => {
    expect(withoutIsolates(refusalText(error, en, c.context))).toBe(c.en);
    expect(withoutIsolates(refusalText(error, de, c.context))).toBe(c.de);
  });

  it('is not English in French or Spanish, and keeps the names and the api’s facts', () => {
    for (const lang of ['fr', 'es'] as const) {
      const text = withoutIsolates(refusalText(error, translator(lang), c.context));
      expect(text).not.toBe(c.en);
      for (const fact of [error.display_name, error.prior_check_in?.desk, error.prior_check_in?.operator, c.context?.file]) {
        if (fact && c.en.includes(fact)) expect(text).toContain(fact);
      }
      if (WORDS_FROM_OUTSIDE.includes(code)) expect(text).toContain(error.message);
    }
  });
});

describe('sentences around names', () => {
  it('isolate every name, desk and volunteer for bidi', () => {
    const text = refusalText(
      { code: 'already_checked_in', message: 'x', prior_check_in: { at: AT, desk: 'מחלקה', operator: 'فاطمة' } },
      en,
    );
    expect(text).toContain(`${FSI}מחלקה${PDI}`);
    expect(text).toContain(`${FSI}فاطمة${PDI}`);
  });
});

describe('refusals without the fields they usually carry', () => {
  it('still say what happened in the desk’s language, never the api’s English', () => {
    for (const code of ['already_checked_in', 'ticket_cancelled', 'amount_due', 'not_checked_in', 'already_printed'] as const) {
      const error: ApiError = { code, message: 'the api says so in English' };
      for (const lang of LANGUAGES) expect(refusalText(error, translator(lang))).not.toContain('English');
    }
  });

  it('a badge printed before, when the preview has no count yet, is named without one', () => {
    const error: ApiError = { code: 'already_printed', message: 'x', display_name: 'Zoë' };
    expect(withoutIsolates(refusalText(error, en, { printed: 0 }))).toBe("Zoë's badge was already printed: reprint only if it is lost or wrong.");
    expect(withoutIsolates(refusalText(error, en, { printed: 2, lastPrintedAt: null }))).toBe(
      "Zoë's badge was already printed 2 times: reprint only if it is lost or wrong.",
    );
  });
});

describe('refusals of a lead’s PIN or grant', () => {
  it('say how many tries are left, in each language’s plural', () => {
    const one: ApiError = { code: 'pin_wrong', message: 'x', tries_left: 1 };
    expect(refusalText(one, en)).toBe('That was the wrong lead name or PIN: 1 try left before PIN entry is locked for five minutes.');
    expect(refusalText(one, de)).toBe('Name oder PIN der Teamleitung ist falsch: noch 1 Versuch, bevor die PIN-Eingabe für fünf Minuten gesperrt wird.');
    expect(refusalText({ ...one, tries_left: 0 }, en)).toBe('That was the wrong lead name or PIN: PIN entry is now locked for five minutes.');
  });

  it('without the count or the time, still say what the rule is', () => {
    expect(refusalText({ code: 'pin_wrong', message: 'x' }, en)).toBe(
      'That was the wrong lead name or PIN. Five wrong PINs in a row lock PIN entry for five minutes.',
    );
    expect(refusalText({ code: 'pin_locked', message: 'x' }, en)).toBe(
      'PIN entry is locked after five wrong PINs in a row: try again in five minutes.',
    );
  });

  it('show until when PIN entry is locked in the desk’s local time, never the api’s UTC', () => {
    const locked: ApiError = { code: 'pin_locked', message: 'try again after 09:14 (UTC)', retry_at: '2026-11-22T09:14:00Z' };
    const fr = translator('fr', 'fr-FR');
    expect(refusalText(locked, fr)).toContain(formatTime('2026-11-22T09:14:00Z', 'fr-FR'));
    expect(refusalText(locked, fr)).not.toContain('UTC');
  });

  it('say a grant’s five minutes are over when the call carried one', () => {
    const over: ApiError = { code: 'lead_required', message: 'the lead’s five minutes are over: a lead’s PIN is needed again' };
    expect(refusalText(over, en, { grant: true })).toBe(
      "Locked again: the lead's five minutes are over. A lead's name and PIN are needed again.",
    );
    for (const lang of ['fr', 'es'] as const) expect(refusalText(over, translator(lang), { grant: true })).not.toContain('five');
  });
});

describe('the cash box’s refusals without what the screen knows', () => {
  it('still say what happened, without a day or a receipt number', () => {
    expect(refusalText({ code: 'day_closed', message: 'x' }, en)).toBe('This cash day is closed: nothing more can be booked into it.');
    expect(refusalText({ code: 'unknown_receipt', message: 'x' }, en)).toBe('No sale has this receipt number.');
    expect(refusalText({ code: 'already_refunded', message: 'x' }, en, { receipt: ' ' })).toBe(
      'This sale was already refunded or voided: nothing was booked.',
    );
  });
});

describe('invalid input', () => {
  it('names the field as the screen’s form does, when it says', () => {
    const error: ApiError = { code: 'invalid_input', message: 'the amount cannot be negative', field: 'amount' };
    const said = (e: ApiError, tr: typeof en, context?: RefusalContext) => withoutIsolates(refusalText(e, tr, context));
    expect(said(error, en, { labels: { amount: 'Amount handed over' } })).toBe('Amount handed over: the amount cannot be negative');
    expect(said({ ...error, field: 'tendered' }, de)).toBe('Gegebener Betrag: the amount cannot be negative');
    expect(said({ ...error, field: 'card reference' }, en)).toBe('Card reference: the amount cannot be negative');
  });

  it('names the field in the desk’s language', () => {
    expect(fieldLabel('ticket_type', de)).toBe('Ticketart');
    expect(fieldLabel('event name', en)).toBe('Event name');
    expect(fieldLabel('amount', translator('fr'))).toBe('Montant dû');
    expect(fieldLabel('something_new', de)).toBe('something_new');
  });

  it('says a PIN’s rule, and an unknown lead by the name typed, fully translated', () => {
    expect(refusalText({ code: 'invalid_input', message: 'x', field: 'pin' }, translator('es'))).toBe('Un PIN tiene de 4 a 12 dígitos.');
    const lead = refusalText({ code: 'invalid_input', message: 'there is no lead called "Pat"', field: 'lead' }, de, { lead: 'Pat' });
    expect(withoutIsolates(lead)).toBe('Es gibt keine Teamleitung namens Pat.');
  });
});

describe('the characters no font has', () => {
  const crab = (missing?: string[], display_name?: string): ApiError => ({
    code: 'missing_characters',
    message: 'no font has 🦀 of Ferris 🦀 Crab’s name: the badge would print without them',
    ...(missing ? { missing } : {}),
    ...(display_name ? { display_name, attendee_id: 7 } : {}),
  });

  it('are named each once, in the language’s “or”, and counted for the plural', () => {
    const two = crab(['🦀', '✨', '🦀'], 'Ferris 🦀 Crab ✨');
    expect(withoutIsolates(refusalText(two, en))).toBe("No font has 🦀 or ✨ of Ferris 🦀 Crab ✨'s name: the badge would print without them.");
    expect(withoutIsolates(refusalText(two, de))).toBe(
      'Keine Schrift enthält 🦀 oder ✨ aus dem Namen von Ferris 🦀 Crab ✨: Das Namensschild würde ohne diese Zeichen gedruckt.',
    );
    expect(withoutIsolates(refusalText(two, translator('fr')))).toBe(
      'Aucune police ne contient 🦀 ou ✨ du nom de Ferris 🦀 Crab ✨\u202f: le badge serait imprimé sans ces caractères.',
    );
    expect(withoutIsolates(refusalText(two, translator('es')))).toBe(
      'Ninguna fuente tiene 🦀 o ✨ del nombre de Ferris 🦀 Crab ✨: la credencial se imprimiría sin esos caracteres.',
    );
    expect(withoutIsolates(refusalText(crab(['a', 'b', 'c']), en))).toBe('No font has a, b, or c of this name: the badge would print without them.');
  });

  it('keep the name and the characters apart for bidi', () => {
    const text = refusalText(crab(['𐤀'], 'مريم'), en);
    expect(text).toContain(`${FSI}مريم${PDI}`);
    expect(text).toContain(`${FSI}𐤀${PDI}`);
  });

  it('say it without a list, or without a name, when the api sends none', () => {
    expect(withoutIsolates(refusalText(crab(undefined, 'Ferris'), en))).toBe(
      "Some characters of Ferris's name are in no font: the badge would print without them.",
    );
    expect(refusalText(crab([]), en)).toBe('Some characters of this name are in no font: the badge would print without them.');
    expect(withoutIsolates(refusalText(crab(['🦀']), en))).toBe('No font has 🦀 of this name: the badge would print without it.');
    for (const lang of LANGUAGES) expect(refusalText(crab(['🦀']), translator(lang))).not.toContain('them');
  });

  it('show a character without a shape of its own by its code point, and a mark on a dotted circle', () => {
    expect(characterLabel('🦀')).toBe('🦀');
    expect(characterLabel('\u200d')).toBe('U+200D');
    expect(characterLabel('\ue000')).toBe('U+E000');
    expect(characterLabel('\u00a0')).toBe('U+00A0');
    expect(characterLabel('\u0bcd')).toBe('\u25cc\u0bcd');
    expect(characterList(['\u200d', 'ሀ'], en)).toBe('U+200D or ሀ');
    expect(distinctCharacters(['🦀', '', '🦀', 'ሀ'])).toEqual(['🦀', 'ሀ']);
    expect(distinctCharacters(undefined)).toEqual([]);
  });
});
