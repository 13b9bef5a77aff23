/** Certificates: printing (with fee and collector checks), handing over, PDFs. */
export { certificateForVerification, pdfUrl } from './service.ts';
export type { CertificateContent } from './content.ts';
export { registrationTimeliness, type Timeliness } from './fees.ts';
export { calendarDate } from './content.ts';
export { withCertificates } from './tables.ts';
