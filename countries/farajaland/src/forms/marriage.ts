import type { EventConfig } from '@lifeline/domain';
import { t } from '../text.ts';
import { corrections } from '../corrections.ts';
import { marriageDeduplication } from '../deduplication.ts';
import { informantPage } from './common.ts';
import { MARRIAGE_ON_TIME_DAYS, marriageDetailsPage } from './marriage/details.ts';
import { bridePage, groomPage, MARRIAGE_NIDS } from './marriage/spouses.ts';
import { marriageSignaturesPage, witnessesPage } from './marriage/witnesses.ts';
import { options } from './options.ts';
import { eq } from './rules.ts';

const INFORMANT_RELATIONS = options(
  ['GROOM', 'The groom', "L'époux"],
  ['BRIDE', 'The bride', "L'épouse"],
  ['OTHER', 'Someone else', 'Autre personne'],
);

/**
 * Marriage, Farajaland's third event: made only of config (this form, its certificate templates and fees, duplicate
 * rules, roles and workqueues), with no server or web code of its own.
 */
export const marriageEvent: EventConfig = {
  id: 'marriage',
  label: t('Marriage', 'Mariage'),
  code: 'M',
  pages: [
    marriageDetailsPage,
    groomPage,
    bridePage,
    witnessesPage,
    informantPage({
      relations: INFORMANT_RELATIONS,
      // Someone other than the spouses gives their own details.
      detailsShownIf: eq('informant.relation', 'OTHER'),
      distinctNids: MARRIAGE_NIDS,
    }),
    marriageSignaturesPage,
  ],
  dateOfEventField: 'eventDetails.date',
  placeOfEventFields: ['eventDetails.place'],
  titleField: 'groom.name',
  timeliness: { onTimeDays: MARRIAGE_ON_TIME_DAYS },
  deduplication: marriageDeduplication,
  corrections,
};
