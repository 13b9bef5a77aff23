import type { PageConfig } from '@lifeline/domain';
import { t } from '../../text.ts';
import { dateField, locationField, select, textField } from '../fields.ts';
import { options } from '../options.ts';
import { moreThanDaysAgo } from '../rules.ts';

/** After this many days a marriage registration is late and needs a reason (see the event's timeliness). */
export const MARRIAGE_ON_TIME_DAYS = 30;

const MARRIAGE_TYPES = options(
  ['CIVIL', 'Civil', 'Civil'],
  ['RELIGIOUS', 'Religious', 'Religieux'],
  ['CUSTOMARY', 'Customary', 'Coutumier'],
);

export const marriageDetailsPage: PageConfig = {
  id: 'eventDetails',
  title: t('Marriage details', 'Informations sur le mariage'),
  fields: [
    dateField('eventDetails.date', t('Date of marriage', 'Date du mariage'), { required: true }),
    textField(
      'eventDetails.reasonForLateRegistration',
      t('Reason for late registration', "Motif de l'enregistrement tardif"),
      { required: true, showIf: moreThanDaysAgo('eventDetails.date', MARRIAGE_ON_TIME_DAYS) },
    ),
    select('eventDetails.typeOfMarriage', t('Type of marriage', 'Type de mariage'), MARRIAGE_TYPES, {
      required: true,
    }),
    locationField('eventDetails.place', t('Place of marriage', 'Lieu du mariage'), 'CRVS_OFFICE', {
      required: true,
    }),
  ],
};
