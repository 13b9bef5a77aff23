import type { CertificateConfig } from '@lifeline/domain';
import { t } from '../text.ts';
import { birthTemplates } from './birth.ts';
import { deathTemplates } from './death.ts';
import { marriageTemplates } from './marriage.ts';
import { certificateFees } from './fees.ts';
import { certificateLabels } from './labels.ts';

/**
 * Farajaland certificates: A4, English and French on one page, with the country header, the registrar's electronic
 * signature and a QR code anyone can scan to check the certificate (see apps/server/src/modules/verify).
 */
export const certificates: CertificateConfig = {
  languages: ['en', 'fr'],
  header: {
    country: t('Republic of Farajaland', 'République de Farajaland'),
    authority: t('Civil Registry', "Service de l'état civil"),
  },
  labels: certificateLabels,
  fees: certificateFees,
  templates: [...birthTemplates, ...deathTemplates, ...marriageTemplates],
  countryNames: { FAR: t('Farajaland', 'Farajaland') },
};
