import type { CertificateSection, CertificateTemplate } from '@lifeline/domain';
import { t } from '../text.ts';
import { line, v } from './helpers.ts';
import { longStatementLayout } from './layout.ts';
import { registrationSection } from './registration.ts';

const name = t('Name', 'Nom');
const nationality = t('Nationality', 'Nationalité');

const sections: CertificateSection[] = [
  {
    title: t('Child', 'Enfant'),
    lines: [
      line(name, [v('child.name', 'name')]),
      line(t('Sex', 'Sexe'), [v('child.gender', 'option')]),
      line(t('Date of birth', 'Date de naissance'), [v('child.dob', 'date')]),
      line(t('Place of birth', 'Lieu de naissance'), [v('$placeOfEvent', 'place')]),
    ],
  },
  {
    title: t('Mother', 'Mère'),
    lines: [line(name, [v('mother.name', 'name')]), line(nationality, [v('mother.nationality', 'country')])],
  },
  {
    title: t('Father', 'Père'),
    lines: [line(name, [v('father.name', 'name')]), line(nationality, [v('father.nationality', 'country')])],
  },
  registrationSection,
];

const statement = t(
  'This certifies that the birth below is recorded in the civil register of Farajaland.',
  "Le présent acte certifie que la naissance ci-dessous est inscrite au registre de l'état civil de Farajaland.",
);

/** The birth certificate (first print) and the certified copy (every later print): same facts, other title. */
export const birthTemplates: CertificateTemplate[] = [
  {
    id: 'birth-certificate',
    event: 'birth',
    kind: 'CERTIFICATE',
    title: t('Birth certificate', 'Acte de naissance'),
    statement,
    sections,
    layout: longStatementLayout,
  },
  {
    id: 'birth-certified-copy',
    event: 'birth',
    kind: 'CERTIFIED_COPY',
    title: t('Certified copy of birth certificate', "Copie certifiée conforme d'acte de naissance"),
    statement,
    sections,
    layout: longStatementLayout,
  },
];
