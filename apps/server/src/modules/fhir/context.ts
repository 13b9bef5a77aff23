import type { EventMapping, FhirContext } from '@lifeline/fhir';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';

const contexts = new WeakMap<AppContext, { fhir: FhirContext; events: EventMapping[] }>();

/** The mappers' view of the country: its FHIR mapping, settings, locations and this server's /fhir address. */
export function fhirOf(ctx: AppContext): { fhir: FhirContext; events: EventMapping[] } {
  let found = contexts.get(ctx);
  if (!found) {
    const mapping = ctx.country.config.fhir;
    if (!mapping) throw notFound('this registry serves no FHIR: its country config has no fhir mapping');
    const events = mapping.events.map((m) => ({ mapping: m, event: ctx.country.events.get(m.event)! }));
    found = {
      fhir: {
        mapping,
        settings: ctx.country.config.settings,
        locations: ctx.country.locations,
        serverBase: `${ctx.env.publicUrl}/fhir`,
      },
      events,
    };
    contexts.set(ctx, found);
  }
  return found;
}
