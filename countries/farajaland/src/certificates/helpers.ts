import type { CertificateLine, CertificateValue, CertificateValueFormat, Condition, Text } from '@lifeline/domain';

/** A value of a certificate line: a form field (or `$fact`) and how it is written. */
export const v = (field: string, format: CertificateValueFormat = 'text'): CertificateValue => ({ field, format });

/** A certificate line: the first value with an answer is printed. */
export function line(label: Text, values: CertificateValue[], showIf?: Condition): CertificateLine {
  return showIf ? { label, values, showIf } : { label, values };
}
