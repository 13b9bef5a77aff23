import type { CertificateFees } from '@lifeline/domain';

/**
 * Certificate fees in USD (the country's currency). The first certificate costs more the later the registration
 * was made (on time / late / delayed, as the event's timeliness bands); every later print is a certified copy.
 */
export const certificateFees: Record<string, CertificateFees> = {
  birth: { onTime: 5, late: 7, delayed: 15, certifiedCopy: 3 },
  death: { onTime: 5, late: 15, certifiedCopy: 3 },
  marriage: { onTime: 10, late: 20, certifiedCopy: 5 },
};
