import type { EventConfig } from '@lifeline/domain';
import { t } from '../text.ts';
import { BIRTH_LATE_DAYS, childPage } from './birth/child.ts';
import { birthDocumentsPage } from './birth/documents.ts';
import { BIRTH_NIDS, fatherPage, motherPage } from './birth/parents.ts';
import { informantPage, reviewPage } from './common.ts';
import { options } from './options.ts';
import { not, oneOf } from './rules.ts';
import { birthDeduplication } from '../deduplication.ts';
import { corrections } from '../corrections.ts';

const INFORMANT_RELATIONS = options(
  ['MOTHER', 'Mother', 'Mère'],
  ['FATHER', 'Father', 'Père'],
  ['GRANDFATHER', 'Grandfather', 'Grand-père'],
  ['GRANDMOTHER', 'Grandmother', 'Grand-mère'],
  ['BROTHER', 'Brother', 'Frère'],
  ['SISTER', 'Sister', 'Sœur'],
  ['LEGAL_GUARDIAN', 'Legal guardian', 'Tuteur légal'],
  ['OTHER', 'Someone else', 'Autre personne'],
);

/** Birth declaration form (field ids as in the reference's Farajaland, see FORMS.md). */
export const birthEvent: EventConfig = {
  id: 'birth',
  label: t('Birth', 'Naissance'),
  code: 'B',
  pages: [
    childPage,
    informantPage({
      relations: INFORMANT_RELATIONS,
      // A parent informant's details are asked on the mother's or father's page.
      detailsShownIf: not(oneOf('informant.relation', ['MOTHER', 'FATHER'])),
      distinctNids: BIRTH_NIDS,
    }),
    motherPage,
    fatherPage,
    birthDocumentsPage,
    reviewPage,
  ],
  dateOfEventField: 'child.dob',
  // A facility id, else the area of the home or other address.
  placeOfEventFields: ['child.birthLocation', 'child.birthLocation.privateHome', 'child.birthLocation.other'],
  titleField: 'child.name',
  timeliness: { onTimeDays: 30, lateDays: BIRTH_LATE_DAYS },
  deduplication: birthDeduplication,
  corrections,
};
