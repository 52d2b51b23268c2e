// The sentence for an api error, in the desk's language: built from the
// error's code and fields (and what the screen itself knows, `context`),
// never parsed from its message. The message, the api's English sentence,
// is used only where its facts are words from outside the desk (SQLite and
// the file system for storage errors, CUPS for a refused print job, a
// parser's reason for invalid input); each language frames it in its own
// words. Pure, tested in refusal.test.ts.
import type { ApiError } from '../../api/desk';
import { isMessageKey, type MessageKey, type Translator } from './translator';

/** What the screen knows beyond the error's fields: what was typed, the badge's history, the names in its form. */
export interface RefusalContext {
  /** The text searched for or scanned (unknown_code). */
  typed?: string;
  /** Badges printed for the person so far (already_printed), from the badge preview. */
  printed?: number;
  /** When the last one was printed, RFC 3339 (already_printed). */
  lastPrintedAt?: string | null;
  /** The lead's name typed in the form (invalid_input on `lead`, already_a_lead). */
  lead?: string;
  /** The file being imported (import_needs_mapping, import_has_problems). */
  file?: string;
  /** Rows with problems in the file, as its dry run counted them (import_has_problems). */
  problemRows?: number;
  /** The call carried a lead's grant (lead_required: its five minutes are over, or it was given back). */
  grant?: boolean;
  /** The screen's own names for its fields, as its form shows them (invalid_input), before the catalogue's. */
  labels?: Readonly<Record<string, string>>;
  /** The business day the screen works in (day_closed). */
  day?: string;
  /** The receipt number typed (unknown_receipt, already_refunded). */
  receipt?: string;
  /** The name typed for a walk-in or a sale (possible_duplicate). */
  newcomer?: string;
}

/** The catalogue's name for a request field (`display_name`, `event name`, `amount`, ...), or the field as sent. */
export function fieldLabel(field: string, tr: Translator): string {
  const id = field.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const key = `field.${id === 'amount' ? 'amount_due' : id}`;
  return isFieldKey(key) ? tr.t(key) : field;
}

function isFieldKey(key: string): key is Extract<MessageKey, `field.${string}`> {
  return key.startsWith('field.') && isMessageKey(key);
}

/** The sentence for `error` in the translator's language. */
export function refusalText(error: ApiError, tr: Translator, context: RefusalContext = {}): string {
  const name = error.display_name;
  const message = error.message;
  switch (error.code) {
    case 'already_checked_in': {
      const prior = error.prior_check_in;
      if (prior) {
        return tr.t('error.already_checked_in', { time: tr.time(prior.at), desk: prior.desk, operator: prior.operator });
      }
      return name ? tr.t('error.already_checked_in.name', { name }) : tr.t('error.already_checked_in.bare');
    }
    case 'unknown_code': {
      const typed = context.typed?.trim();
      return typed ? tr.t('error.unknown_code', { typed }) : tr.t('error.unknown_code.bare');
    }
    case 'ticket_cancelled':
      return name ? tr.t('error.ticket_cancelled', { name }) : tr.t('error.ticket_cancelled.bare');
    case 'amount_due':
      return name && error.amount_due
        ? tr.t('error.amount_due', { name, amount: tr.money(error.amount_due) })
        : tr.t('error.amount_due.bare');
    case 'unknown_attendee':
      return tr.t('error.unknown_attendee');
    case 'no_operator':
      return tr.t('error.no_operator');
    case 'invalid_input': {
      const field = error.field;
      if (field === 'pin') return tr.t('error.invalid_input.pin');
      if (field === 'lead' && context.lead?.trim()) return tr.t('error.invalid_input.lead', { name: context.lead.trim() });
      return field
        ? tr.t('error.invalid_input', { field: context.labels?.[field] ?? fieldLabel(field, tr), problem: message })
        : tr.t('error.invalid_input.bare', { problem: message });
    }
    case 'lead_required':
      return context.grant ? tr.t('lead.lockedAgain') : tr.t('error.lead_required');
    case 'pin_wrong': {
      const left = error.tries_left;
      if (left === undefined || left === null || left < 0) return tr.t('error.pin_wrong');
      return left === 0 ? tr.t('error.pin_wrong.last') : tr.t('error.pin_wrong.left', { count: left });
    }
    case 'pin_locked':
      // Until when, in the desk's local time; without it the lock's length still holds.
      return error.retry_at ? tr.t('error.pin_locked.until', { time: tr.time(error.retry_at) }) : tr.t('error.pin_locked');
    case 'lead_exists':
      return tr.t('error.lead_exists');
    case 'no_leads':
      return tr.t('error.no_leads');
    case 'not_checked_in':
      return name ? tr.t('error.not_checked_in', { name }) : tr.t('error.not_checked_in.bare');
    case 'already_printed': {
      // The count is the badge preview's (the error has none); without it the sentence still holds.
      const count = context.printed;
      if (!name) return tr.t('error.already_printed.bare');
      if (count === undefined || count < 1) return tr.t('error.already_printed.name', { name });
      return context.lastPrintedAt
        ? tr.t('error.already_printed', { name, count, time: tr.time(context.lastPrintedAt) })
        : tr.t('error.already_printed.count', { name, count });
    }
    case 'print_failed':
      return tr.t('error.print_failed', { message });
    case 'no_printer':
      return tr.t('error.no_printer');
    case 'import_needs_mapping':
      return context.file ? tr.t('error.import_needs_mapping', { file: context.file }) : tr.t('error.import_needs_mapping.bare');
    case 'import_has_problems': {
      const { file, problemRows: count } = context;
      if (!file) return tr.t('error.import_has_problems.bare');
      return count && count > 0 ? tr.t('error.import_has_problems', { file, count }) : tr.t('error.import_has_problems.file', { file });
    }
    case 'event_exists':
      return tr.t('error.event_exists');
    case 'no_event':
      return tr.t('error.no_event');
    case 'no_database':
      return tr.t('error.no_database', { message });
    case 'disk_full':
      return tr.t('error.disk_full');
    case 'busy':
      return tr.t('error.busy');
    case 'not_a_lanyard_database':
      return tr.t('error.not_a_lanyard_database', { message });
    case 'database_too_new':
      return tr.t('error.database_too_new', { message });
    case 'database_damaged':
      return tr.t('error.database_damaged', { message });
    case 'storage':
      return tr.t('error.storage', { message });
    case 'already_a_lead': {
      const lead = context.lead?.trim();
      return lead ? tr.t('error.already_a_lead', { name: lead }) : tr.t('error.already_a_lead.bare');
    }
    case 'last_lead':
      return tr.t('error.last_lead');
    case 'missing_characters': {
      // A question more than a refusal: the panel offers to print without them.
      const missing = distinctCharacters(error.missing);
      if (missing.length === 0) return name ? tr.t('error.missing_characters.name', { name }) : tr.t('error.missing_characters.bare');
      const chars = characterList(missing, tr);
      const count = missing.length;
      return name ? tr.t('error.missing_characters', { chars, name, count }) : tr.t('error.missing_characters.chars', { chars, count });
    }
    case 'no_cash_shift':
      return tr.t('error.no_cash_shift');
    case 'cash_shift_open':
      return tr.t('error.cash_shift_open');
    case 'day_closed':
      return context.day ? tr.t('error.day_closed', { day: context.day }) : tr.t('error.day_closed.bare');
    case 'difference_needs_lead':
      return tr.t('error.difference_needs_lead');
    case 'unknown_receipt': {
      const receipt = context.receipt?.trim();
      return receipt ? tr.t('error.unknown_receipt', { receipt }) : tr.t('error.unknown_receipt.bare');
    }
    case 'already_refunded': {
      const receipt = context.receipt?.trim();
      return receipt ? tr.t('error.already_refunded', { receipt }) : tr.t('error.already_refunded.bare');
    }
    case 'read_only':
      return tr.t('error.read_only');
    case 'possible_duplicate': {
      const newcomer = context.newcomer?.trim();
      return newcomer ? tr.t('error.possible_duplicate', { name: newcomer }) : tr.t('error.possible_duplicate.bare');
    }
    case 'internal':
      return tr.t('error.internal', { message });
    default:
      return unreachable(error.code, message);
  }
}

/** The characters of `missing_characters` once each, in the api's order, without empty entries. */
export function distinctCharacters(missing: readonly string[] | null | undefined): string[] {
  return [...new Set((missing ?? []).filter((c) => c !== ''))];
}

/**
 * A character as the desk can show it on its own: itself when it is
 * visible, on a dotted circle when it is a combining mark (a vowel sign,
 * an accent), and as its code point (U+200D) when it has no shape of its
 * own (a joiner, a control, a space, a private or unassigned one).
 */
export function characterLabel(c: string): string {
  if (/^\p{M}+$/u.test(c)) return `\u25CC${c}`;
  if (/^[\p{C}\p{Z}]+$/u.test(c)) return [...c].map(codePoint).join(' ');
  return c;
}

function codePoint(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The characters as a list in the language ("🦀 or ✨": no font has any of them). */
export function characterList(missing: readonly string[], tr: Translator): string {
  const labels = missing.map(characterLabel);
  return new Intl.ListFormat(tr.lang, { type: 'disjunction' }).format(labels);
}

/** A code added to the api but not here yet fails the type check; at run time its message is shown. */
function unreachable(code: never, message: string): string {
  void code;
  return message;
}
