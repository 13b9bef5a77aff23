import { validateDeclaration, type EventConfig } from '@lifeline/domain';
import { completeBirth, FIXTURE_TODAY } from '@lifeline/farajaland/fixtures';
import { describe, expect, it } from 'vitest';
import { birthEvent } from '../../../../countries/farajaland/src/forms/birth.ts';
import { deathEvent } from '../../../../countries/farajaland/src/forms/death.ts';
import { declarationPatch, visibleAnswers } from './visibility.ts';

const today = FIXTURE_TODAY;

describe('visibleAnswers', () => {
  it('keeps a complete birth declaration as it is, and the server would accept it', () => {
    const values = completeBirth();
    const visible = visibleAnswers(birthEvent, values, today);
    expect(visible.values).toEqual(values);
    expect(validateDeclaration(birthEvent, visible.values, { mode: 'complete', today })).toEqual([]);
  });

  it('drops answers of fields the answers hide, and fields the form does not have', () => {
    const values = {
      ...completeBirth(),
      // The child was born in a facility: a home address no longer applies.
      'child.birthLocation.privateHome': { country: 'FAR', addressType: 'DOMESTIC', administrativeArea: 'x' },
      // The mother is the informant: the informant's own details are asked on the mother's page.
      'informant.name': { firstname: 'Someone', surname: 'Else' },
      'no.such.field': 'x',
    };
    const visible = visibleAnswers(birthEvent, values, today);
    expect(visible.values).not.toHaveProperty('child.birthLocation.privateHome');
    expect(visible.values).not.toHaveProperty('informant.name');
    expect(visible.values).not.toHaveProperty('no.such.field');
    expect(visible.fields.has('child.birthLocation')).toBe(true);
    expect(visible.fields.has('child.birthLocation.privateHome')).toBe(false);
    expect(validateDeclaration(birthEvent, visible.values, { mode: 'complete', today })).toEqual([]);
  });

  it('follows chains: hiding an answer hides the answers whose conditions read it', () => {
    const values = {
      'child.dob': '2025-06-01',
      'informant.relation': 'MOTHER',
      'mother.detailsNotAvailable': true,
      'mother.reason': 'Unknown',
      'mother.dob': '1990-01-01',
    };
    // The mother is the informant, so "details not available" is not asked; her details are shown again.
    const visible = visibleAnswers(birthEvent, values, today);
    expect(visible.values).not.toHaveProperty('mother.detailsNotAvailable');
    expect(visible.values).not.toHaveProperty('mother.reason');
    expect(visible.values['mother.dob']).toBe('1990-01-01');
    expect(visible.fields.has('mother.name')).toBe(true);
  });

  it('hides whole pages (the medical certificate) and their answers', () => {
    const base = { 'eventDetails.date': '2025-06-01', 'medicalCertificate.causeA': 'Malaria' };
    const hidden = visibleAnswers(deathEvent, base, today);
    expect(hidden.pages.map((p) => p.id)).not.toContain('medicalCertificate');
    expect(hidden.values).not.toHaveProperty('medicalCertificate.causeA');
    const shown = visibleAnswers(
      deathEvent,
      { ...base, 'eventDetails.causeOfDeathEstablished': true, 'eventDetails.sourceCauseDeath': 'PHYSICIAN' },
      today,
    );
    expect(shown.pages.map((p) => p.id)).toContain('medicalCertificate');
    expect(shown.values['medicalCertificate.causeA']).toBe('Malaria');
  });

  it('shows the reason for delayed registration only for births more than a year ago', () => {
    expect(visibleAnswers(birthEvent, { 'child.dob': '2025-06-01' }, today).fields.has('child.reason')).toBe(false);
    expect(visibleAnswers(birthEvent, { 'child.dob': '2023-01-01' }, today).fields.has('child.reason')).toBe(true);
  });

  it('settles on cyclic conditions instead of looping', () => {
    const cyclic = {
      ...birthEvent,
      pages: [
        {
          id: 'p',
          title: { en: 'P' },
          fields: [
            { id: 'a', label: { en: 'A' }, type: 'TEXT', maxLength: 10, showIf: { type: 'isSet', field: 'b' } },
            { id: 'b', label: { en: 'B' }, type: 'TEXT', maxLength: 10, showIf: { type: 'isSet', field: 'a' } },
          ],
        },
      ],
    } as EventConfig;
    expect(visibleAnswers(cyclic, { a: 'x', b: 'y' }, today).values).toEqual({ a: 'x', b: 'y' });
    expect(visibleAnswers(cyclic, { a: 'x' }, today).values).toEqual({});
  });
});

describe('declarationPatch', () => {
  it('sends every answer for a new record', () => {
    expect(declarationPatch({ a: 1, b: { x: 'y' } }, undefined)).toEqual({ a: 1, b: { x: 'y' } });
  });

  it('sends only changed answers for an existing record, and null for answers taken away', () => {
    const existing = { same: 'x', changed: { firstname: 'A' }, removed: 'gone' };
    const visible = { same: 'x', changed: { firstname: 'B' }, added: true };
    expect(declarationPatch(visible, existing)).toEqual({ changed: { firstname: 'B' }, added: true, removed: null });
  });
});
