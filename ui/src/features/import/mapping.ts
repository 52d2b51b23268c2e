// The hand-made mapping form: which column fills which attendee field.
// Pure functions, tested in mapping.test.ts.
import type { MappingRule } from '../../api/desk';
import type { MessageKey } from '../../lib/i18n/translator';

export interface FieldChoice {
  field: string;
  /** The field's name in the catalogue. */
  label: Extract<MessageKey, `field.${string}`>;
  /** Header words that suggest this field when guessing. */
  hints: string[];
}

export const FIELDS: FieldChoice[] = [
  { field: 'display_name', label: 'field.display_name', hints: ['name', 'full name', 'attendee name', 'nom'] },
  { field: 'given_name', label: 'field.given_name', hints: ['first name', 'given name', 'first', 'vorname', 'prénom'] },
  { field: 'family_name', label: 'field.family_name', hints: ['last name', 'family name', 'surname', 'nachname'] },
  { field: 'email', label: 'field.email', hints: ['email', 'e-mail', 'mail'] },
  { field: 'affiliation', label: 'field.affiliation', hints: ['company', 'organisation', 'organization', 'affiliation'] },
  { field: 'hometown', label: 'field.hometown', hints: ['city', 'town', 'hometown'] },
  { field: 'country', label: 'field.country', hints: ['country'] },
  { field: 'ticket_type', label: 'field.ticket_type', hints: ['ticket', 'ticket type', 'product', 'kind'] },
  { field: 'role', label: 'field.role', hints: ['role'] },
  { field: 'interests', label: 'field.interests', hints: ['interests', 'topics', 'tags'] },
  { field: 'order_code', label: 'field.order_code', hints: ['order', 'order code'] },
  { field: 'external_id', label: 'field.external_id', hints: ['id', 'ticket id', 'reference'] },
  { field: 'ticket_secret', label: 'field.ticket_secret', hints: ['secret', 'barcode'] },
  { field: 'amount_due', label: 'field.amount_due', hints: ['due', 'owes', 'amount due'] },
  { field: 'note', label: 'field.note', hints: ['note', 'comment'] },
  { field: 'status', label: 'field.status', hints: ['status'] },
];

export interface MappingChoice {
  /** A column header, '' for none. */
  column: string;
  /** A value for every row, used when no column is chosen. */
  fixed: string;
}

export type MappingForm = Record<string, MappingChoice>;

/** Guesses a column for each field from the headers' words (exact first). */
export function guessMapping(headers: string[]): MappingForm {
  const form: MappingForm = {};
  const taken = new Set<string>();
  const norm = (s: string) => s.trim().toLowerCase();
  for (const f of FIELDS) {
    const exact = headers.find((h) => !taken.has(h) && f.hints.includes(norm(h)));
    const column = exact ?? '';
    if (column) taken.add(column);
    form[f.field] = { column, fixed: '' };
  }
  return form;
}

/** The rules to send: a column where one is chosen, else a fixed value if typed. */
export function toRules(form: MappingForm): MappingRule[] {
  const rules: MappingRule[] = [];
  for (const f of FIELDS) {
    const choice = form[f.field];
    if (!choice) continue;
    if (choice.column) rules.push({ field: f.field, column: choice.column, fixed: null });
    else if (choice.fixed.trim()) rules.push({ field: f.field, column: null, fixed: choice.fixed.trim() });
  }
  return rules;
}

/** What is missing before the mapping can work (a name), as a catalogue key. */
export function mappingProblem(form: MappingForm): 'import.needName' | null {
  const has = (field: string) => Boolean(form[field]?.column || form[field]?.fixed.trim());
  if (!has('display_name') && !has('given_name') && !has('family_name')) {
    return 'import.needName';
  }
  return null;
}
