import {
  certificateFee,
  certificateTemplateFor,
  dateOfEvent,
  timeliness,
  type CertificateConfig,
  type CertificateKind,
  type EventConfig,
  type EventState,
} from '@lifeline/domain';
import type { Country } from '../../country.ts';
import { conflict } from '../../lib/errors.ts';
import { calendarDate } from './content.ts';

export type Timeliness = 'ON_TIME' | 'LATE' | 'DELAYED';

export interface PrintQuote {
  templateId: string;
  kind: CertificateKind;
  timeliness: Timeliness;
  fee: { amount: number; currency: string };
}

export function certificateConfig(country: Country): CertificateConfig {
  const config = country.config.certificates;
  if (!config) throw conflict('this country has no certificate templates configured');
  return config;
}

/**
 * What the next print of a registered record is and costs: the certificate at the fee of its registration's
 * timeliness (days from the event to the day of registration, in the country's time zone), else a certified copy.
 */
export function quotePrint(
  country: Country,
  event: EventConfig,
  state: Pick<EventState, 'declaration' | 'registeredAt'>,
  previousPrints: number,
): PrintQuote {
  const config = certificateConfig(country);
  const template = certificateTemplateFor(config, event.id, previousPrints);
  const band = registrationTimeliness(country, event, state);
  const fees = config.fees[event.id];
  return {
    templateId: template.id,
    kind: template.kind,
    timeliness: band,
    fee: { amount: certificateFee(fees, template.kind, band), currency: country.config.settings.currency.code },
  };
}

/**
 * On time, late or delayed: days from the event to the day of registration (today while not registered), in the
 * country's time zone, against the event's limits. Fees and statistics both band registrations by this.
 */
export function registrationTimeliness(
  country: Country,
  event: EventConfig,
  state: Pick<EventState, 'declaration' | 'registeredAt'>,
): Timeliness {
  const eventDate = dateOfEvent(event, state.declaration);
  const registeredOn = state.registeredAt ? calendarDate(country, state.registeredAt) : country.today();
  return eventDate ? timeliness(event, eventDate, registeredOn) : 'ON_TIME';
}

/** Amounts compared in cents, so 7 and 7.00 are the same fee. */
export const sameAmount = (a: number, b: number) => Math.round(a * 100) === Math.round(b * 100);
