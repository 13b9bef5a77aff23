import { describe, expect, it } from 'vitest';
import { completeBirth, completeDeath } from '../../../../../../countries/farajaland/src/fixtures.ts';
import { ApiError } from '../../../api/client.ts';
import { collectorBody, dialogErrors, emptyCollector, idMatches, peopleOnRecord } from './collector.ts';

describe('certificate collector', () => {
  it('offers the people on a birth record, the informant once when she is the mother', () => {
    const people = peopleOnRecord(completeBirth());
    expect(people.map((p) => [p.type, p.name, p.alsoInformant])).toEqual([
      ['MOTHER', 'Mwila Mulenga', true],
      ['FATHER', 'Bwalya Mulenga', false],
    ]);
    expect(people[0].ids).toEqual([{ idType: 'NATIONAL_ID', number: '1234567890' }]);
    expect(people[0].declaredIdType).toBe('NATIONAL_ID');
  });

  it('offers the informant of a death, with their own details', () => {
    const people = peopleOnRecord(completeDeath());
    expect(people.map((p) => [p.type, p.section, p.name])).toEqual([['INFORMANT', 'informant', 'Daniel Phiri']]);
    // A spouse who informs is found in the spouse's section, as the server does.
    const bySpouse = peopleOnRecord({ ...completeDeath(), 'informant.relation': 'SPOUSE' });
    expect(bySpouse.map((p) => [p.type, p.section, p.name])).toEqual([['INFORMANT', 'spouse', 'Ruth Phiri']]);
  });

  it('compares ID numbers as the server does', () => {
    const [mother] = peopleOnRecord(completeBirth());
    expect(idMatches(mother, 'NATIONAL_ID', '12345 67890')).toBe(true);
    expect(idMatches(mother, 'PASSPORT', '1234567890')).toBe(false);
    expect(idMatches(mother, '', '999')).toBe(false);
    expect(idMatches(mother, '', '')).toBeNull();
  });

  it('sends only what applies to the collector', () => {
    const other = { ...emptyCollector, type: 'OTHER' as const, name: ' Ann ', relationship: 'Aunt', idNumber: '' };
    expect(collectorBody(other)).toEqual({ type: 'OTHER', name: 'Ann', relationship: 'Aunt' });
    expect(collectorBody({ ...other, type: 'PRINT_IN_ADVANCE' })).toEqual({ type: 'PRINT_IN_ADVANCE' });
  });

  it('puts the server’s field errors on the dialog’s fields', () => {
    const refused = new ApiError({
      title: 'Bad Request',
      status: 400,
      errors: [
        { field: 'annotation.collector.idNumber', message: "does not match the mother's ID on the record" },
        { field: 'annotation.payment.amount', message: 'must be 5 USD' },
        { field: 'transactionId', message: 'bad' },
      ],
    });
    const { fields, general } = dialogErrors(refused);
    expect(fields).toEqual({ idNumber: "does not match the mother's ID on the record", amount: 'must be 5 USD' });
    expect((general as ApiError).problem.errors).toEqual([{ field: 'transactionId', message: 'bad' }]);
    const conflict = new ApiError({ title: 'Conflict', status: 409 });
    expect(dialogErrors(conflict)).toEqual({ fields: {}, general: conflict });
  });
});
