import { z } from 'zod';

export const VerifyParams = z.object({ certificateId: z.string().min(1).max(100) });
export const VerifyQuery = z.object({
  c: z.string().min(1).max(4000).optional().describe("the QR code's signed payload (compact JWS)"),
});

export const VerificationResult = z.object({
  status: z.enum(['VALID', 'SUPERSEDED', 'REVOKED', 'UNKNOWN', 'TAMPERED', 'ISSUED_AFTER_BACKUP']),
  certificateId: z.string(),
  signature: z.enum(['VALID', 'INVALID', 'NOT_GIVEN']),
  checkedAt: z.string(),
  certificate: z
    .object({
      registrationNumber: z.string(),
      name: z.string(),
      dateOfEvent: z.string().nullable(),
      eventType: z.string(),
    })
    .nullable()
    .describe('only for a VALID certificate'),
  registrationNumber: z.string().nullable().describe('for a SUPERSEDED or REVOKED certificate'),
});

export const CredentialParams = z.object({ id: z.uuid() });
export const IssuedCredential = z.object({
  id: z.string(),
  type: z.string(),
  credential: z.string().describe('the VC as a JWT (EdDSA), issuer did:web of this server'),
  statusListCredential: z.string(),
  suspensionListCredential: z.string().describe('the suspension list: on while the registration is revoked'),
  statusListIndex: z.number().int(),
});

export const StatusListParams = z.object({ list: z.coerce.number().int().min(1).max(100_000) });
export const DidDocument = z.record(z.string(), z.unknown());
