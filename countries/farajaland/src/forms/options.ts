import type { FieldOption } from '@lifeline/domain';
import { t } from '../text.ts';

/** Options from [value, English, French] triples. */
export function options(...entries: Array<[value: string, en: string, fr: string]>): FieldOption[] {
  return entries.map(([value, en, fr]) => ({ value, label: t(en, fr) }));
}

export const GENDERS = options(
  ['male', 'Male', 'Masculin'],
  ['female', 'Female', 'Féminin'],
  ['unknown', 'Unknown', 'Inconnu'],
);

export const YES_NO = options(['YES', 'Yes', 'Oui'], ['NO', 'No', 'Non']);

export const ID_TYPES = options(
  ['NATIONAL_ID', 'National ID', "Carte nationale d'identité"],
  ['PASSPORT', 'Passport', 'Passeport'],
  ['BIRTH_REGISTRATION_NUMBER', 'Birth registration number', "Numéro d'enregistrement de la naissance"],
  ['NONE', 'None', 'Aucune'],
);

export const MARITAL_STATUSES = options(
  ['SINGLE', 'Single', 'Célibataire'],
  ['MARRIED', 'Married', 'Marié(e)'],
  ['WIDOWED', 'Widowed', 'Veuf/veuve'],
  ['DIVORCED', 'Divorced', 'Divorcé(e)'],
  ['SEPARATED', 'Separated', 'Séparé(e)'],
  ['NOT_STATED', 'Not stated', 'Non déclaré'],
);

export const EDUCATION_LEVELS = options(
  ['NO_SCHOOLING', 'No schooling', 'Aucune scolarité'],
  ['PRIMARY_ISCED_1', 'Primary', 'Primaire'],
  ['POST_SECONDARY_ISCED_4', 'Secondary', 'Secondaire'],
  ['FIRST_STAGE_TERTIARY_ISCED_5', 'Tertiary', 'Supérieur'],
);

/** Identity documents a person can prove who they are with. */
export const IDENTITY_DOCUMENTS = options(
  ['NATIONAL_ID', 'National ID', "Carte nationale d'identité"],
  ['PASSPORT', 'Passport', 'Passeport'],
  ['BIRTH_CERTIFICATE', 'Birth certificate', 'Acte de naissance'],
  ['OTHER', 'Other', 'Autre'],
);

export const TIME_UNITS = options(
  ['MINUTES', 'Minutes', 'Minutes'],
  ['HOURS', 'Hours', 'Heures'],
  ['DAYS', 'Days', 'Jours'],
  ['WEEKS', 'Weeks', 'Semaines'],
  ['MONTHS', 'Months', 'Mois'],
  ['YEARS', 'Years', 'Années'],
);
