import { t } from '../text.ts';

/** Fixed wording of every Farajaland certificate. */
export const certificateLabels = {
  registrationNumber: t('Registration number', "Numéro d'enregistrement"),
  certificateId: t('Certificate number', 'Numéro du certificat'),
  certifiedAt: t('Place of certification', 'Lieu de délivrance'),
  certifiedOn: t('Date of certification', 'Date de délivrance'),
  registrar: t('Registrar', "Officier de l'état civil"),
  electronicallySigned: t('Electronically signed', 'Signé électroniquement'),
  signingKey: t('Signing key', 'Clé de signature'),
  scanToVerify: t('Scan to verify this certificate', 'Scanner pour vérifier ce certificat'),
  alterationWarning: t(
    'Any alteration or erasure voids this certificate.',
    'Toute rature ou surcharge annule le présent certificat.',
  ),
  years: t('years', 'ans'),
};
