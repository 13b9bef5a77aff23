import type { PageConfig } from '@lifeline/domain';
import { t } from '../../text.ts';
import { addressFields, numberField, personFields, select } from '../fields.ts';
import { GENDERS, MARITAL_STATUSES } from '../options.ts';
import { isSet, not, or } from '../rules.ts';

/** National ID fields of the people on a death record: no two may hold the same number. */
export const DEATH_NIDS = ['deceased.nid', 'spouse.nid', 'informant.nid'];

export const deceasedPage: PageConfig = {
  id: 'deceased',
  title: t("Deceased's details", 'Informations sur le défunt'),
  fields: [
    ...personFields('deceased', {
      afterName: [select('deceased.gender', t('Sex', 'Sexe'), GENDERS, { required: true })],
      age: { min: 0, max: 120 },
      dobValidations: [
        {
          // On or before the date of death: a baby can die on the day it is born. Written as "the date of death is
          // not before the birth" because dateBefore is strict; when the date of death is unset nothing is checked.
          rule: or(
            not(isSet('eventDetails.date')),
            not({
              type: 'dateBefore',
              field: 'eventDetails.date',
              otherField: 'deceased.dob',
            }),
          ),
          message: t('Cannot be after the date of death', 'Ne peut pas être postérieure à la date du décès'),
        },
      ],
      distinctNids: DEATH_NIDS,
      address: false,
    }),
    select('deceased.maritalStatus', t('Marital status', 'État civil'), MARITAL_STATUSES),
    numberField('deceased.numberOfDependants', t('Number of dependants', 'Nombre de personnes à charge'), {
      min: 0,
      integer: true,
    }),
    ...addressFields('deceased'),
  ],
};
