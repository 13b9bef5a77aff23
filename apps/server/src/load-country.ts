import { buildCountryConfig, type ConfigPart, type CountryConfig } from '@lifeline/domain';

/** The default country package. */
export const DEFAULT_COUNTRY = '@lifeline/farajaland';

/**
 * Load and validate the country config from a country package: a module (package name or file path, from
 * LIFELINE_COUNTRY) exporting `countryConfigParts(): ConfigPart[]`. A problem throws CountryConfigError naming
 * the file and the field, which stops the server before it touches any data.
 */
export async function loadCountry(specifier = process.env.LIFELINE_COUNTRY || DEFAULT_COUNTRY): Promise<CountryConfig> {
  const module = (await import(specifier)) as { countryConfigParts?: () => ConfigPart[] };
  if (typeof module.countryConfigParts !== 'function') {
    throw new Error(`the country package "${specifier}" does not export countryConfigParts()`);
  }
  return buildCountryConfig(module.countryConfigParts());
}
