/** Certificates: printing (with fee and collector checks), handing over, PDFs. */
export { certificateForVerification, pdfUrl } from './service.ts';
export type { CertificateContent } from './content.ts';
