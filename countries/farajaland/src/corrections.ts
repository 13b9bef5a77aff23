import type { CorrectionConfig } from '@lifeline/domain';

/**
 * Why a registered record may be corrected in Farajaland, and what a correction costs (USD). The same list serves
 * births and deaths; an event may have its own.
 */
export const corrections: CorrectionConfig = {
  reasons: [
    { id: 'CLERICAL_ERROR', label: { en: 'Clerical error by the registry', fr: 'Erreur matérielle du greffe' } },
    { id: 'MATERIAL_ERROR', label: { en: 'Error in the declaration', fr: 'Erreur dans la déclaration' } },
    { id: 'MATERIAL_OMISSION', label: { en: 'Information left out', fr: 'Information omise' } },
    { id: 'JUDICIAL_ORDER', label: { en: 'Court order', fr: 'Décision de justice' } },
    { id: 'OTHER', label: { en: 'Other (explain)', fr: 'Autre (préciser)' }, requiresDetail: true },
  ],
  fee: 5,
};
