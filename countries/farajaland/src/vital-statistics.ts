import type { Location, VitalStatisticsConfig } from '@lifeline/domain';
import { loadMap } from './map.ts';
import { t } from './text.ts';

/**
 * How Farajaland's births and deaths are counted: the form fields read for each grouping, the death rate for
 * expected deaths, and the province boundaries. Farajaland's statistics.csv has population and crude birth rates
 * but no death rate, so expected deaths use the rate below: replace it with the national statistics office's.
 */
export function vitalStatistics(areas: readonly Location[]): VitalStatisticsConfig {
  return {
    events: {
      birth: {
        sexField: 'child.gender',
        placeOfOccurrence: { field: 'child.placeOfBirth', healthFacility: ['HEALTH_FACILITY'], home: ['PRIVATE_HOME'] },
        motherAge: { dobField: 'mother.dob', ageField: 'mother.age' },
        birthWeightField: 'child.weightAtBirth',
      },
      death: {
        sexField: 'deceased.gender',
        placeOfOccurrence: {
          field: 'eventDetails.placeOfDeath',
          healthFacility: ['HEALTH_FACILITY'],
          home: ['DECEASED_USUAL_RESIDENCE'],
        },
        subjectAge: { dobField: 'deceased.dob', ageField: 'deceased.age' },
        causeOfDeathFields: [
          'medicalCertificate.causeA',
          'medicalCertificate.causeB',
          'medicalCertificate.causeC',
          'medicalCertificate.causeD',
        ],
      },
    },
    crudeDeathRate: {
      perThousand: 8,
      source: t(
        'Default of 8 deaths per 1,000 population a year (Farajaland publishes no death rate; set the national figure here)',
        'Valeur par défaut de 8 décès pour 1 000 habitants par an (Farajaland ne publie pas de taux de mortalité ; indiquez ici le chiffre national)',
      ),
    },
    map: loadMap(areas),
  };
}
