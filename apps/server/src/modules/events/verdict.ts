import canonicalize from 'canonicalize';
import type { EventConfig } from '@lifeline/domain';
import type { Country } from '../../country.ts';
import { chainHash, sha256Hex } from '../../lib/hash.ts';

/**
 * Work only when something changed: a declaration that passed complete validation and the duplicate check keeps
 * that verdict as a hash on its record (`events.checked_hash`): VALIDATE of the same declaration skips both,
 * REGISTER skips validation but checks for duplicates again (a record declared since must not be registered twice). The hash covers the declaration (canonical JSON), the event's form and rules and the country's
 * locations (what validation reads), and today's date in the country (date rules move with it): a change to any
 * of them means checking again.
 */
const configPrints = new WeakMap<EventConfig, string>();
const locationPrints = new WeakMap<Country, string>();

function configPrint(country: Country, config: EventConfig): string {
  let event = configPrints.get(config);
  if (event === undefined) {
    event = sha256Hex(canonicalize(config) ?? '');
    configPrints.set(config, event);
  }
  let places = locationPrints.get(country);
  if (places === undefined) {
    places = sha256Hex(canonicalize(country.config.locations) ?? '');
    locationPrints.set(country, places);
  }
  return `${event}/${places}`;
}

export function declarationVerdict(
  country: Country,
  config: EventConfig,
  declaration: Record<string, unknown> | null,
): string {
  return chainHash(`${configPrint(country, config)}/${country.today()}`, declaration ?? {});
}
