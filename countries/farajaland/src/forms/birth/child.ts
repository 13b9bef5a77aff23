import type { PageConfig } from '@lifeline/domain';
import { t } from '../../text.ts';
import { addressField, dateField, locationField, nameField, numberField, select, textField } from '../fields.ts';
import { GENDERS, options } from '../options.ts';
import { eq, moreThanDaysAgo } from '../rules.ts';

/** After this many days a birth registration is "delayed" and needs a reason (see the event's timeliness). */
export const BIRTH_LATE_DAYS = 365;

const PLACES_OF_BIRTH = options(
  ['HEALTH_FACILITY', 'Health institution', 'Établissement de santé'],
  ['PRIVATE_HOME', 'Residential address', 'Domicile'],
  ['OTHER', 'Other', 'Autre'],
);

const ATTENDANTS = options(
  ['PHYSICIAN', 'Physician', 'Médecin'],
  ['NURSE', 'Nurse', 'Infirmier(ère)'],
  ['MIDWIFE', 'Midwife', 'Sage-femme'],
  ['OTHER_PARAMEDICAL_PERSONNEL', 'Other paramedical personnel', 'Autre personnel paramédical'],
  ['LAYPERSON', 'Layperson', 'Personne non qualifiée'],
  ['TRADITIONAL_BIRTH_ATTENDANT', 'Traditional birth attendant', 'Accoucheuse traditionnelle'],
  ['NONE', 'None', 'Aucun'],
);

const BIRTH_TYPES = options(
  ['SINGLE', 'Single', 'Simple'],
  ['TWIN', 'Twin', 'Jumeaux'],
  ['TRIPLET', 'Triplet', 'Triplés'],
  ['QUADRUPLET', 'Quadruplet', 'Quadruplés'],
  ['HIGHER_MULTIPLE_DELIVERY', 'Higher multiple delivery', 'Naissance multiple de rang supérieur'],
);

export const childPage: PageConfig = {
  id: 'child',
  title: t("Child's details", "Informations sur l'enfant"),
  fields: [
    nameField('child.name', t("Child's name", "Nom de l'enfant"), { required: true }),
    select('child.gender', t('Sex', 'Sexe'), GENDERS, { required: true }),
    dateField('child.dob', t('Date of birth', 'Date de naissance'), { required: true }),
    textField('child.reason', t('Reason for delayed registration', "Motif de l'enregistrement tardif"), {
      required: true,
      showIf: moreThanDaysAgo('child.dob', BIRTH_LATE_DAYS),
    }),
    select('child.placeOfBirth', t('Place of delivery', "Lieu de l'accouchement"), PLACES_OF_BIRTH, { required: true }),
    locationField('child.birthLocation', t('Health institution', 'Établissement de santé'), 'HEALTH_FACILITY', {
      required: true,
      showIf: eq('child.placeOfBirth', 'HEALTH_FACILITY'),
    }),
    addressField('child.birthLocation.privateHome', t('Address of the home', 'Adresse du domicile'), {
      required: true,
      showIf: eq('child.placeOfBirth', 'PRIVATE_HOME'),
    }),
    addressField('child.birthLocation.other', t('Address of the place of birth', 'Adresse du lieu de naissance'), {
      required: true,
      showIf: eq('child.placeOfBirth', 'OTHER'),
    }),
    select('child.attendantAtBirth', t('Attendant at birth', "Personne ayant assisté à l'accouchement"), ATTENDANTS),
    select('child.birthType', t('Type of birth', 'Type de naissance'), BIRTH_TYPES),
    numberField('child.weightAtBirth', t('Weight at birth', 'Poids à la naissance'), {
      min: 0,
      max: 6,
      unit: t('kg', 'kg'),
    }),
  ],
};
