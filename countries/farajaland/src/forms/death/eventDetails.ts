import type { PageConfig } from '@lifeline/domain';
import { t } from '../../text.ts';
import { addressField, checkbox, dateField, locationField, select, textArea, textField } from '../fields.ts';
import { options } from '../options.ts';
import { and, eq, isTrue, moreThanDaysAgo, oneOf } from '../rules.ts';

/** After this many days a death registration is late and needs a reason (see the event's timeliness). */
export const DEATH_ON_TIME_DAYS = 45;

const PLACES_OF_DEATH = options(
  ['HEALTH_FACILITY', 'Health institution', 'Établissement de santé'],
  ['DECEASED_USUAL_RESIDENCE', "Deceased's usual place of residence", 'Résidence habituelle du défunt'],
  ['OTHER', 'Other', 'Autre'],
);

const MANNERS_OF_DEATH = options(
  ['MANNER_NATURAL', 'Natural causes', 'Causes naturelles'],
  ['MANNER_ACCIDENT', 'Accident', 'Accident'],
  ['MANNER_SUICIDE', 'Suicide', 'Suicide'],
  ['MANNER_HOMICIDE', 'Homicide', 'Homicide'],
  ['MANNER_UNDETERMINED', 'Manner undetermined', 'Circonstances indéterminées'],
);

const SOURCES_OF_CAUSE = options(
  ['PHYSICIAN', 'Physician', 'Médecin'],
  ['LAY_REPORTED', 'Lay reported', 'Déclaration non médicale'],
  ['VERBAL_AUTOPSY', 'Verbal autopsy', 'Autopsie verbale'],
  ['MEDICALLY_CERTIFIED', 'Medically certified cause of death', 'Cause de décès certifiée médicalement'],
);

const causeEstablished = isTrue('eventDetails.causeOfDeathEstablished');

/** The medical certificate page is shown for these sources (see medicalCertificate.ts). */
export const medicallyCertified = and(
  causeEstablished,
  oneOf('eventDetails.sourceCauseDeath', ['PHYSICIAN', 'MEDICALLY_CERTIFIED']),
)!;

export const eventDetailsPage: PageConfig = {
  id: 'eventDetails',
  title: t('Event details', "Détails de l'événement"),
  fields: [
    dateField('eventDetails.date', t('Date of death', 'Date du décès'), { required: true }),
    textField(
      'eventDetails.reasonForLateRegistration',
      t('Reason for late registration', "Motif de l'enregistrement tardif"),
      {
        required: true,
        showIf: moreThanDaysAgo('eventDetails.date', DEATH_ON_TIME_DAYS),
      },
    ),
    select('eventDetails.placeOfDeath', t('Place of death', 'Lieu du décès'), PLACES_OF_DEATH, { required: true }),
    locationField('eventDetails.deathLocation', t('Health institution', 'Établissement de santé'), 'HEALTH_FACILITY', {
      required: true,
      showIf: eq('eventDetails.placeOfDeath', 'HEALTH_FACILITY'),
    }),
    addressField('eventDetails.deathLocationOther', t('Address of the place of death', 'Adresse du lieu du décès'), {
      required: true,
      showIf: eq('eventDetails.placeOfDeath', 'OTHER'),
    }),
    select('eventDetails.mannerOfDeath', t('Manner of death', 'Circonstances du décès'), MANNERS_OF_DEATH),
    checkbox(
      'eventDetails.causeOfDeathEstablished',
      t('Cause of death has been established', 'La cause du décès est établie'),
    ),
    select(
      'eventDetails.sourceCauseDeath',
      t('Source of cause of death', 'Source de la cause du décès'),
      SOURCES_OF_CAUSE,
      {
        required: true,
        showIf: causeEstablished,
      },
    ),
    textArea('eventDetails.description', t('Description of the cause of death', 'Description de la cause du décès'), {
      required: true,
      helpText: t(
        'As reported by the informant or the verbal autopsy',
        "Telle que rapportée par le déclarant ou l'autopsie verbale",
      ),
      showIf: and(causeEstablished, oneOf('eventDetails.sourceCauseDeath', ['LAY_REPORTED', 'VERBAL_AUTOPSY'])),
    }),
  ],
};
