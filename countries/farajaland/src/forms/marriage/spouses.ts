import type { PageConfig } from '@lifeline/domain';
import { t } from '../../text.ts';
import { personFields } from '../fields.ts';

/** National ID fields of the people on a marriage record: no two may hold the same number. */
export const MARRIAGE_NIDS = ['groom.nid', 'bride.nid', 'informant.nid'];

/** The legal age of marriage in Farajaland. */
const MARRIAGE_AGE = 18;
const ADULT = { min: MARRIAGE_AGE, max: 120 };

/** Born at least 18 years before the marriage. */
const adultAtMarriage = (prefix: string) => [
  {
    rule: {
      type: 'dateBefore' as const,
      field: `${prefix}.dob`,
      otherField: 'eventDetails.date',
      minYears: MARRIAGE_AGE,
    },
    message: t('Must be at least 18 on the date of marriage', 'Doit avoir au moins 18 ans à la date du mariage'),
  },
];

export const groomPage: PageConfig = {
  id: 'groom',
  title: t("Groom's details", "Informations sur l'époux"),
  fields: personFields('groom', {
    age: ADULT,
    dobValidations: adultAtMarriage('groom'),
    distinctNids: MARRIAGE_NIDS,
    address: false,
  }),
};

export const bridePage: PageConfig = {
  id: 'bride',
  title: t("Bride's details", "Informations sur l'épouse"),
  fields: personFields('bride', {
    age: ADULT,
    dobValidations: adultAtMarriage('bride'),
    distinctNids: MARRIAGE_NIDS,
    address: false,
  }),
};
