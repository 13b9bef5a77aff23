/** Public verification of certificates and credentials: the signing key and what other modules need of it. */
export { certificateKeys, certificateJwks, type CertificateKeys } from './keys.ts';
export {
  certificateQrUrl,
  issuerDid,
  signCertificatePayload,
  verifyCertificatePayload,
  verifyPageUrl,
  type CertificatePayload,
} from './signing.ts';
