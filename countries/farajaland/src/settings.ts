import type { ApplicationSettings } from '@lifeline/domain';

export const settings: ApplicationSettings = {
  countryCode: 'FAR',
  countryName: 'Farajaland',
  languages: ['en', 'fr'],
  defaultLanguage: 'en',
  timeZone: 'Africa/Lusaka',
  currency: { code: 'USD' },
  phoneNumberPattern: '^0(7|9)[0-9]{8}$',
  nationalIdPattern: '^[0-9]{10}$',
  // Farajaland is fictional: its URIs use the .example domain reserved for examples (RFC 2606).
  nationalIdSystem: 'http://farajaland.example/id/national-id',
  // e.g. B20250000042: event code, year of registration, 7-digit national sequence.
  registrationNumberFormat: '{eventCode}{year}{seq:7}',
};
