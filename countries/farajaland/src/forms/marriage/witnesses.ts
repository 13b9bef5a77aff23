import type { PageConfig } from '@lifeline/domain';
import { t } from '../../text.ts';
import { nameField, signatureField, textField } from '../fields.ts';

/** Two witnesses of the marriage, who sign the declaration with the spouses. */
export const witnessesPage: PageConfig = {
  id: 'witnesses',
  title: t('Witnesses', 'Témoins'),
  fields: [
    nameField('witnessOne.name', t('First witness', 'Premier témoin'), { required: true }),
    textField('witnessOne.relationship', t('Relationship to the spouses', 'Lien avec les époux'), { required: true }),
    nameField('witnessTwo.name', t('Second witness', 'Second témoin'), { required: true }),
    textField('witnessTwo.relationship', t('Relationship to the spouses', 'Lien avec les époux'), { required: true }),
  ],
};

/** The spouses and the witnesses sign; the officiant's register entry is the registration itself. */
export const marriageSignaturesPage: PageConfig = {
  id: 'review',
  title: t('Review and signatures', 'Vérification et signatures'),
  fields: [
    signatureField('review.groomSignature', t("Groom's signature", "Signature de l'époux")),
    signatureField('review.brideSignature', t("Bride's signature", "Signature de l'épouse")),
    signatureField('review.witnessOneSignature', t("First witness's signature", 'Signature du premier témoin')),
    signatureField('review.witnessTwoSignature', t("Second witness's signature", 'Signature du second témoin')),
  ],
};
