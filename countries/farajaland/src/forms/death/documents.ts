import type { PageConfig } from '@lifeline/domain';
import { t } from '../../text.ts';
import { documentsHelp } from '../common.ts';
import { fileWithOptions } from '../fields.ts';
import { IDENTITY_DOCUMENTS, options } from '../options.ts';

const PROOFS_OF_DEATH = options(
  ['ATTESTED_LETTER_OF_DEATH', 'Attested letter of death', 'Lettre attestant le décès'],
  ['POLICE_CERTIFICATE_OF_DEATH', 'Police certificate of death', 'Certificat de décès de la police'],
  ['HOSPITAL_CERTIFICATE_OF_DEATH', 'Hospital certificate of death', "Certificat de décès de l'hôpital"],
  ['CORONERS_REPORT', "Coroner's report", 'Rapport du médecin légiste'],
  ['BURIAL_RECEIPT', 'Certified copy of burial receipt', "Copie certifiée du reçu d'inhumation"],
  ['OTHER', 'Other', 'Autre'],
);

const PROOFS_OF_CAUSE = options(
  ['VERBAL_AUTOPSY', 'Verbal autopsy report', "Rapport d'autopsie verbale"],
  ['MEDICALLY_CERTIFIED', 'Medically certified cause of death', 'Cause de décès certifiée médicalement'],
  ['OTHER', 'Other', 'Autre'],
);

export const deathDocumentsPage: PageConfig = {
  id: 'documents',
  title: t('Upload supporting documents', 'Joindre les pièces justificatives'),
  fields: [
    documentsHelp,
    fileWithOptions(
      'documents.proofOfDeceased',
      t("Proof of deceased's ID", "Pièce d'identité du défunt"),
      IDENTITY_DOCUMENTS,
    ),
    fileWithOptions(
      'documents.proofOfInformant',
      t("Proof of informant's ID", "Pièce d'identité du déclarant"),
      IDENTITY_DOCUMENTS,
    ),
    fileWithOptions('documents.proofOfDeath', t('Proof of death', 'Preuve du décès'), PROOFS_OF_DEATH),
    fileWithOptions(
      'documents.proofOfCauseOfDeath',
      t('Proof of cause of death', 'Preuve de la cause du décès'),
      PROOFS_OF_CAUSE,
    ),
  ],
};
