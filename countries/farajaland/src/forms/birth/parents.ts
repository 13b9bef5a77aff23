import type { FieldConfig, PageConfig } from '@lifeline/domain';
import { t } from '../../text.ts';
import { detailsAvailability, numberField, personFields, select, textField } from '../fields.ts';
import { EDUCATION_LEVELS, MARITAL_STATUSES } from '../options.ts';

/** National ID fields of the people on a birth record: no two may hold the same number. */
export const BIRTH_NIDS = ['mother.nid', 'father.nid', 'informant.nid'];

const mother = detailsAvailability(
  'mother',
  'MOTHER',
  t("Mother's details are not available", 'Les informations sur la mère ne sont pas disponibles'),
);
/** Shown-condition of the mother's fields; the father's address question depends on it too. */
export const motherAvailable = mother.available;

const father = detailsAvailability(
  'father',
  'FATHER',
  t("Father's details are not available", 'Les informations sur le père ne sont pas disponibles'),
);
export const fatherAvailable = father.available;

/** Marital status, education and occupation: asked of both parents. */
function socialFields(prefix: string, showIf: FieldConfig['showIf']): FieldConfig[] {
  return [
    select(`${prefix}.maritalStatus`, t('Marital status', 'État civil'), MARITAL_STATUSES, { showIf }),
    select(`${prefix}.educationalAttainment`, t('Level of education', "Niveau d'instruction"), EDUCATION_LEVELS, {
      showIf,
    }),
    textField(`${prefix}.occupation`, t('Occupation', 'Profession'), { showIf }),
  ];
}

export const motherPage: PageConfig = {
  id: 'mother',
  title: t("Mother's details", 'Informations sur la mère'),
  fields: [
    ...mother.fields,
    ...personFields('mother', {
      showIf: mother.available,
      age: { min: 12, max: 120 },
      dobValidations: [
        {
          rule: { type: 'dateBefore', field: 'mother.dob', otherField: 'child.dob', minYears: 18 },
          message: t(
            'The mother must be born at least 18 years before the child',
            "La mère doit être née au moins 18 ans avant l'enfant",
          ),
        },
      ],
      distinctNids: BIRTH_NIDS,
    }),
    ...socialFields('mother', mother.available),
    numberField('mother.previousBirths', t('Number of previous births', 'Nombre de naissances antérieures'), {
      showIf: mother.available,
      min: 0,
      max: 30,
      integer: true,
    }),
  ],
};

export const fatherPage: PageConfig = {
  id: 'father',
  title: t("Father's details", 'Informations sur le père'),
  fields: [
    ...father.fields,
    ...personFields('father', {
      showIf: father.available,
      age: { min: 12, max: 120 },
      dobValidations: [
        {
          rule: { type: 'dateBefore', field: 'father.dob', otherField: 'child.dob' },
          message: t("Must be before the child's date of birth", "Doit précéder la date de naissance de l'enfant"),
        },
      ],
      distinctNids: BIRTH_NIDS,
      // "Same as the mother's?" only makes sense when the mother's details (and address) are on the form.
      address: { label: t("Same address as the mother's?", 'Même adresse que la mère ?'), showIf: motherAvailable },
    }),
    ...socialFields('father', father.available),
  ],
};
