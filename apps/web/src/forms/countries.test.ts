import { describe, expect, it } from 'vitest';
import { ALPHA3_TO_ALPHA2, countryName, countryOptions } from './countries.ts';

describe('countries', () => {
  it('maps every alpha-3 code to a distinct alpha-2 code', () => {
    const codes = Object.entries(ALPHA3_TO_ALPHA2);
    expect(codes.length).toBeGreaterThanOrEqual(249);
    expect(new Set(codes.map(([, a2]) => a2)).size).toBe(codes.length);
    for (const [a3, a2] of codes) {
      expect(a3).toMatch(/^[A-Z]{3}$/);
      expect(a2).toMatch(/^[A-Z]{2}$/);
    }
  });

  it('names countries in the language, and the home country from the settings', () => {
    const home = { code: 'FAR', name: 'Farajaland' };
    expect(countryName('ZMB', 'en')).toBe('Zambia');
    expect(countryName('ZMB', 'fr')).toBe('Zambie');
    expect(countryName('FAR', 'fr', home)).toBe('Farajaland');
    expect(countryName('XYZ', 'en')).toBe('XYZ');
    const options = countryOptions('en', home);
    expect(options[0]).toEqual({ value: 'FAR', label: 'Farajaland' });
    expect(options.find((o) => o.value === 'GBR')?.label).toBe('United Kingdom');
  });
});
