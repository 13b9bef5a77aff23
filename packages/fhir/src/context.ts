import type { ApplicationSettings, EventConfig, FhirEventMapping, FhirMapping, Location } from '@lifeline/domain';

/** Location lookups the mappers need (the server's LocationTree satisfies it). */
export interface LocationLookup {
  get(id: string): Location | undefined;
  /** Ids from the top-level area down to the location itself. */
  path(id: string): string[];
}

/** Everything a mapper reads besides the record itself: the country's config and where this server is. */
export interface FhirContext {
  mapping: FhirMapping;
  settings: ApplicationSettings;
  locations: LocationLookup;
  /** Absolute base URL of this server's FHIR endpoint, e.g. `http://localhost:3000/fhir`. */
  serverBase: string;
}

/** One event's form and its FHIR mapping, looked up together. */
export interface EventMapping {
  event: EventConfig;
  mapping: FhirEventMapping;
}

/** The absolute URL of a registry location on this server: documents refer to locations by it. */
export const locationUrl = (ctx: FhirContext, id: string) => `${ctx.serverBase}/Location/${id}`;
