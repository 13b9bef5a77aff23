import type { CertificateSection } from '@lifeline/domain';
import { t } from '../text.ts';
import { line, v } from './helpers.ts';

/** The registration section every certificate ends with. */
export const registrationSection: CertificateSection = {
  title: t('Registration', 'Enregistrement'),
  lines: [
    line(t('Date of registration', "Date d'enregistrement"), [v('$registrationDate', 'date')]),
    line(t('Place of registration', "Lieu d'enregistrement"), [v('$registrationOffice', 'place')]),
    // Only on records transcribed from an old paper register (absent on every other certificate).
    {
      ...line(t('Transcribed from the paper register', 'Transcrit du registre papier'), [
        v('$transcribedFrom', 'text'),
      ]),
      hideWhenEmpty: true,
    },
  ],
};
