import { describe, expect, it } from 'vitest';
import { ApplicationSettings, formatRegistrationNumber } from './settings.ts';

const number = (format: string, sequence = 42, eventCode = 'B', year = 2026) =>
  formatRegistrationNumber(format, { eventCode, year, sequence });

const settings = {
  countryCode: 'FAR',
  countryName: 'Farajaland',
  languages: ['en', 'fr'],
  defaultLanguage: 'en',
  timeZone: 'Africa/Lusaka',
  currency: { code: 'ZMW' },
  phoneNumberPattern: '^0(7|9)[0-9]{8}$',
  nationalIdPattern: '^[0-9]{10}$',
  registrationNumberFormat: '{eventCode}{year}{seq:7}',
};

describe('formatRegistrationNumber', () => {
  it('fills the event code, year and zero-padded sequence', () => {
    expect(number('{eventCode}{year}{seq:7}')).toBe('B20260000042');
  });

  it('keeps literal text around the placeholders', () => {
    expect(number('FAR-{eventCode}/{year}/{seq:5}', 7, 'D', 2025)).toBe('FAR-D/2025/00007');
  });

  it('does not cut a sequence longer than its width', () => {
    expect(number('{seq:3}', 123456)).toBe('123456');
  });

  it('fills every occurrence of each placeholder', () => {
    expect(number('{eventCode}{year}-{seq:2}-{eventCode}{year}', 5)).toBe('B2026-05-B2026');
  });

  it('gives different numbers for different sequences', () => {
    expect(number('{eventCode}{year}{seq:4}', 1)).not.toBe(number('{eventCode}{year}{seq:4}', 2));
  });
});

describe('ApplicationSettings', () => {
  it('accepts complete settings', () => {
    expect(ApplicationSettings.safeParse(settings).success).toBe(true);
  });

  it('requires {seq:N} in the registration number format', () => {
    const result = ApplicationSettings.safeParse({ ...settings, registrationNumberFormat: '{eventCode}{year}' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe('the format must contain {seq:N}');
  });

  it('refuses a time zone the runtime does not know', () => {
    const result = ApplicationSettings.safeParse({ ...settings, timeZone: 'Africa/Farajaland' });
    expect(result.error?.issues[0].path).toEqual(['timeZone']);
  });
});
