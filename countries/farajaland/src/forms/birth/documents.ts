import type { PageConfig } from '@lifeline/domain';
import { t } from '../../text.ts';
import { documentsHelp } from '../common.ts';
import { fileField, fileWithOptions } from '../fields.ts';
import { IDENTITY_DOCUMENTS, options } from '../options.ts';
import { not, oneOf } from '../rules.ts';
import { fatherAvailable, motherAvailable } from './parents.ts';

const OTHER_PROOFS = options(
  ['PROOF_OF_LEGAL_GUARDIANSHIP', 'Proof of legal guardianship', 'Preuve de tutelle légale'],
  ['PROOF_OF_ASSIGNED_RESPONSIBILITY', 'Proof of assigned responsibility', 'Preuve de responsabilité attribuée'],
);

const informantIsNotParent = not(oneOf('informant.relation', ['MOTHER', 'FATHER']));

export const birthDocumentsPage: PageConfig = {
  id: 'documents',
  title: t('Upload supporting documents', 'Joindre les pièces justificatives'),
  fields: [
    documentsHelp,
    fileField('documents.proofOfBirth', t('Proof of birth', 'Preuve de naissance')),
    fileWithOptions(
      'documents.proofOfMother',
      t("Proof of mother's ID", "Pièce d'identité de la mère"),
      IDENTITY_DOCUMENTS,
      {
        showIf: motherAvailable,
      },
    ),
    fileWithOptions(
      'documents.proofOfFather',
      t("Proof of father's ID", "Pièce d'identité du père"),
      IDENTITY_DOCUMENTS,
      {
        showIf: fatherAvailable,
      },
    ),
    fileWithOptions(
      'documents.proofOfInformant',
      t("Proof of informant's ID", "Pièce d'identité du déclarant"),
      IDENTITY_DOCUMENTS,
      { showIf: informantIsNotParent },
    ),
    fileWithOptions('documents.proofOther', t('Other', 'Autre'), OTHER_PROOFS, { showIf: informantIsNotParent }),
  ],
};
