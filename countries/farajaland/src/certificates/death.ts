import type { CertificateSection, CertificateTemplate } from '@lifeline/domain';
import { t } from '../text.ts';
import { line, v } from './helpers.ts';
import { shortStatementLayout } from './layout.ts';
import { registrationSection } from './registration.ts';

/** The cause of death is printed only when a physician certified it (the WHO medical certificate was filled). */
const medicallyCertified = {
  type: 'and' as const,
  conditions: [
    { type: 'equals' as const, field: 'eventDetails.causeOfDeathEstablished', value: true },
    { type: 'oneOf' as const, field: 'eventDetails.sourceCauseDeath', values: ['PHYSICIAN', 'MEDICALLY_CERTIFIED'] },
  ],
};

const sections: CertificateSection[] = [
  {
    title: t('Deceased', 'Défunt'),
    lines: [
      line(t('Name', 'Nom'), [v('deceased.name', 'name')]),
      line(t('Sex', 'Sexe'), [v('deceased.gender', 'option')]),
      line(t('Date of birth or age', 'Date de naissance ou âge'), [
        v('deceased.dob', 'date'),
        v('deceased.age', 'age'),
      ]),
      line(t('Nationality', 'Nationalité'), [v('deceased.nationality', 'country')]),
      line(t('Marital status', 'État civil'), [v('deceased.maritalStatus', 'option')]),
    ],
  },
  {
    title: t('Death', 'Décès'),
    lines: [
      line(t('Date of death', 'Date du décès'), [v('eventDetails.date', 'date')]),
      line(t('Place of death', 'Lieu du décès'), [v('$placeOfEvent', 'place')]),
      line(t('Manner of death', 'Circonstances du décès'), [v('eventDetails.mannerOfDeath', 'option')]),
      line(
        t('Cause of death (medically certified)', 'Cause du décès (certifiée médicalement)'),
        [v('medicalCertificate.causeA')],
        medicallyCertified,
      ),
    ],
  },
  {
    title: t('Informant', 'Déclarant'),
    lines: [
      line(t('Name', 'Nom'), [v('informant.name', 'name'), v('spouse.name', 'name')]),
      line(t('Relationship to the deceased', 'Lien avec le défunt'), [v('informant.relation', 'option')]),
    ],
  },
  registrationSection,
];

const statement = t(
  'This certifies that the death below is recorded in the civil register of Farajaland.',
  "Le présent acte certifie que le décès ci-dessous est inscrit au registre de l'état civil de Farajaland.",
);

/** The death certificate (first print) and the certified copy (every later print). */
export const deathTemplates: CertificateTemplate[] = [
  {
    id: 'death-certificate',
    event: 'death',
    kind: 'CERTIFICATE',
    title: t('Death certificate', 'Acte de décès'),
    statement,
    sections,
    layout: shortStatementLayout,
  },
  {
    id: 'death-certified-copy',
    event: 'death',
    kind: 'CERTIFIED_COPY',
    title: t('Certified copy of death certificate', "Copie certifiée conforme d'acte de décès"),
    statement,
    sections,
    layout: shortStatementLayout,
  },
];
