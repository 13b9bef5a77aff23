import type { EventConfig } from '@lifeline/domain';
import { t } from '../text.ts';
import { informantPage, reviewPage } from './common.ts';
import { DEATH_NIDS, deceasedPage } from './death/deceased.ts';
import { deathDocumentsPage } from './death/documents.ts';
import { DEATH_ON_TIME_DAYS, eventDetailsPage } from './death/eventDetails.ts';
import { medicalCertificatePage } from './death/medicalCertificate.ts';
import { spousePage } from './death/spouse.ts';
import { options } from './options.ts';
import { eq, not } from './rules.ts';
import { deathDeduplication } from '../deduplication.ts';
import { corrections } from '../corrections.ts';

const INFORMANT_RELATIONS = options(
  ['SPOUSE', 'Spouse', 'Conjoint(e)'],
  ['SON', 'Son', 'Fils'],
  ['DAUGHTER', 'Daughter', 'Fille'],
  ['SON_IN_LAW', 'Son-in-law', 'Gendre'],
  ['DAUGHTER_IN_LAW', 'Daughter-in-law', 'Belle-fille'],
  ['MOTHER', 'Mother', 'Mère'],
  ['FATHER', 'Father', 'Père'],
  ['GRANDSON', 'Grandson', 'Petit-fils'],
  ['GRANDDAUGHTER', 'Granddaughter', 'Petite-fille'],
  ['OTHER', 'Someone else', 'Autre personne'],
);

/** Death declaration form (field ids as in the reference's Farajaland, see FORMS.md). */
export const deathEvent: EventConfig = {
  id: 'death',
  label: t('Death', 'Décès'),
  code: 'D',
  pages: [
    deceasedPage,
    eventDetailsPage,
    medicalCertificatePage,
    informantPage({
      relations: INFORMANT_RELATIONS,
      // A spouse informant's details are asked on the spouse's page.
      detailsShownIf: not(eq('informant.relation', 'SPOUSE')),
      distinctNids: DEATH_NIDS,
    }),
    spousePage,
    deathDocumentsPage,
    reviewPage,
  ],
  dateOfEventField: 'eventDetails.date',
  // A facility id, else the area of the other address, else (usual residence) the deceased's address.
  placeOfEventFields: ['eventDetails.deathLocation', 'eventDetails.deathLocationOther', 'deceased.address'],
  titleField: 'deceased.name',
  // No delayed band: after 45 days a death registration is late.
  timeliness: { onTimeDays: DEATH_ON_TIME_DAYS },
  deduplication: deathDeduplication,
  corrections,
};
