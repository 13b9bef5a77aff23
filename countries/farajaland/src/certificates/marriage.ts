import type { CertificateSection, CertificateTemplate } from '@lifeline/domain';
import { t } from '../text.ts';
import { line, v } from './helpers.ts';
import { longStatementLayout } from './layout.ts';
import { registrationSection } from './registration.ts';

const spouse = (prefix: 'groom' | 'bride', title: ReturnType<typeof t>): CertificateSection => ({
  title,
  lines: [
    line(t('Name', 'Nom'), [v(`${prefix}.name`, 'name')]),
    line(t('Date of birth or age', 'Date de naissance ou âge'), [
      v(`${prefix}.dob`, 'date'),
      v(`${prefix}.age`, 'age'),
    ]),
    line(t('Nationality', 'Nationalité'), [v(`${prefix}.nationality`, 'country')]),
  ],
});

const sections: CertificateSection[] = [
  spouse('groom', t('Groom', 'Époux')),
  spouse('bride', t('Bride', 'Épouse')),
  {
    title: t('Marriage', 'Mariage'),
    lines: [
      line(t('Date of marriage', 'Date du mariage'), [v('eventDetails.date', 'date')]),
      line(t('Place of marriage', 'Lieu du mariage'), [v('$placeOfEvent', 'place')]),
      line(t('Type of marriage', 'Type de mariage'), [v('eventDetails.typeOfMarriage', 'option')]),
      line(t('First witness', 'Premier témoin'), [v('witnessOne.name', 'name')]),
      line(t('Second witness', 'Second témoin'), [v('witnessTwo.name', 'name')]),
    ],
  },
  registrationSection,
];

const statement = t(
  'This certifies that the marriage below is recorded in the civil register of Farajaland.',
  "Le présent acte certifie que le mariage ci-dessous est inscrit au registre de l'état civil de Farajaland.",
);

/** The marriage certificate (first print) and the certified copy (every later print). */
export const marriageTemplates: CertificateTemplate[] = [
  {
    id: 'marriage-certificate',
    event: 'marriage',
    kind: 'CERTIFICATE',
    title: t('Marriage certificate', 'Acte de mariage'),
    statement,
    sections,
    layout: longStatementLayout,
  },
  {
    id: 'marriage-certified-copy',
    event: 'marriage',
    kind: 'CERTIFIED_COPY',
    title: t('Certified copy of marriage certificate', "Copie certifiée conforme d'acte de mariage"),
    statement,
    sections,
    layout: longStatementLayout,
  },
];
