import type { Condition, FieldOption, PageConfig } from '@lifeline/domain';
import { t } from '../text.ts';
import {
  emailField,
  paragraph,
  personFields,
  phoneField,
  select,
  signatureField,
  textArea,
  textField,
} from './fields.ts';
import { eq } from './rules.ts';

/** Informant page shared by birth and death: who they are, their details when not already asked, contact. */
export function informantPage(o: {
  relations: FieldOption[];
  /** Details are asked only when the informant is not a person whose section already holds them. */
  detailsShownIf: Condition;
  distinctNids: string[];
}): PageConfig {
  return {
    id: 'informant',
    title: t("Informant's details", 'Informations sur le déclarant'),
    fields: [
      select(
        'informant.relation',
        t('Relationship to the person concerned', 'Lien avec la personne concernée'),
        o.relations,
        {
          required: true,
        },
      ),
      textField('informant.other.relation', t('Relationship (specify)', 'Lien de parenté (préciser)'), {
        required: true,
        showIf: eq('informant.relation', 'OTHER'),
      }),
      ...personFields('informant', {
        showIf: o.detailsShownIf,
        age: { min: 12, max: 120 },
        distinctNids: o.distinctNids,
      }),
      phoneField('informant.phoneNo', t('Phone number', 'Numéro de téléphone'), {
        helpText: t('For example 0912345678', 'Par exemple 0912345678'),
      }),
      emailField('informant.email', t('Email', 'Adresse e-mail'), {
        required: true,
        helpText: t(
          'Notifications about the record are sent here',
          'Les notifications sur le dossier sont envoyées ici',
        ),
      }),
      // Messages to the family go in this language (the country's default when not answered).
      select('informant.language', t('Language for messages to the family', 'Langue des messages à la famille'), [
        { value: 'en', label: t('English', 'Anglais') },
        { value: 'fr', label: t('French', 'Français') },
      ]),
    ],
  };
}

export const documentsHelp = paragraph(
  'documents.helper',
  t(
    'Upload scans or photos of the supporting documents: JPG, PNG or PDF, at most 5 MB each.',
    'Téléversez les scans ou photos des pièces justificatives : JPG, PNG ou PDF, 5 Mo au plus chacun.',
  ),
);

export const reviewPage: PageConfig = {
  id: 'review',
  title: t('Review', 'Vérification'),
  fields: [
    paragraph(
      'review.statement',
      t(
        'By signing, the informant confirms that the information given is true and complete.',
        'En signant, le déclarant confirme que les informations fournies sont exactes et complètes.',
      ),
    ),
    textArea('review.comment', t('Comment', 'Commentaire')),
    signatureField('review.signature', t('Signature of the informant', 'Signature du déclarant')),
  ],
};
