import { describe, expect, it } from 'vitest';
import { forms } from '../i18n/messages/forms.ts';
import { describeError, mapServerErrors } from './errors.ts';

const t = (id: string, values: Record<string, string | number> = {}) =>
  Object.entries(values).reduce((s, [k, v]) => s.replace(`{${k}}`, String(v)), forms.en[id] ?? `!${id}`);

describe('describeError', () => {
  it("says the domain's messages in the user's words", () => {
    expect(describeError('required', t)).toBe('Required');
    expect(describeError('must be at most 6', t)).toBe('Must be at most 6');
    expect(describeError('not a real date (write YYYY-MM-DD)', t)).toMatch(/real date/);
    expect(describeError('surname: required', t)).toBe('Enter the surname');
    expect(describeError("firstname: use letters, spaces, - and ' only", t)).toMatch(/^First name\(s\): use letters/);
    expect(describeError('administrativeArea: Invalid input', t)).toBe('Choose the area of the address');
    expect(describeError('unit must be one of MINUTES, HOURS', t)).toBe('Choose a unit');
  });

  it('leaves messages from the country config as they are', () => {
    expect(describeError('Must differ from the national ID numbers of the other people', t)).toBe(
      'Must differ from the national ID numbers of the other people',
    );
  });
});

describe('mapServerErrors', () => {
  const ids = new Set(['child.name', 'child.birthLocation', 'child.birthLocation.privateHome']);
  it('puts errors on their fields, whatever prefix or sub-path the server gives', () => {
    const { byField, other } = mapServerErrors(
      [
        { field: 'child.name', message: 'surname: required' },
        { field: 'declaration.child.birthLocation.privateHome.street', message: 'too long' },
        { field: 'version', message: 'stale' },
      ],
      ids,
    );
    expect(byField).toEqual({ 'child.name': 'surname: required', 'child.birthLocation.privateHome': 'too long' });
    expect(other).toEqual(['version: stale']);
  });
});
