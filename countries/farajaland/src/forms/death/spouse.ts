import type { PageConfig } from '@lifeline/domain';
import { t } from '../../text.ts';
import { detailsAvailability, personFields } from '../fields.ts';
import { DEATH_NIDS } from './deceased.ts';

const spouse = detailsAvailability(
  'spouse',
  'SPOUSE',
  t("Spouse's details are not available", 'Les informations sur le conjoint ne sont pas disponibles'),
);

export const spousePage: PageConfig = {
  id: 'spouse',
  title: t("Spouse's details", 'Informations sur le conjoint'),
  fields: [
    ...spouse.fields,
    ...personFields('spouse', {
      showIf: spouse.available,
      age: { min: 12, max: 120 },
      distinctNids: DEATH_NIDS,
      // Usually YES; the schema has no default for radio groups, so the informant answers it (see the report).
      address: { label: t("Same address as the deceased's?", 'Même adresse que le défunt ?') },
    }),
  ],
};
