import { describe, expect, it } from 'vitest';
import { guessMapping, mappingProblem, toRules } from './mapping';

describe('guessMapping', () => {
  it('matches headers to fields by their usual names', () => {
    const form = guessMapping(['name', 'organisation', 'city', 'mail', 'kind', 'topics', 'owes']);
    expect(form.display_name?.column).toBe('name');
    expect(form.affiliation?.column).toBe('organisation');
    expect(form.email?.column).toBe('mail');
    expect(form.amount_due?.column).toBe('owes');
    expect(form.note?.column).toBe('');
  });

  it('uses each column once', () => {
    const form = guessMapping(['Ticket', 'Email']);
    expect(form.ticket_type?.column).toBe('Ticket');
    expect(form.external_id?.column).toBe('');
  });
});

describe('toRules', () => {
  it('sends columns, and fixed values only where no column is chosen', () => {
    const form = guessMapping(['name']);
    form.ticket_type = { column: '', fixed: ' Conference ' };
    expect(toRules(form)).toEqual([
      { field: 'display_name', column: 'name', fixed: null },
      { field: 'ticket_type', column: null, fixed: 'Conference' },
    ]);
  });
});

describe('mappingProblem', () => {
  it('asks for a name column', () => {
    expect(mappingProblem(guessMapping(['email']))).toBe('import.needName');
    expect(mappingProblem(guessMapping(['name']))).toBeNull();
  });
});
