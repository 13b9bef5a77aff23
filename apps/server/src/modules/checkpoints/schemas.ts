import { z } from 'zod';

export const CheckpointParams = z.object({
  id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).describe('Checkpoint number'),
});

export const PublishedCheckpoint = z
  .object({
    id: z.number().int(),
    createdAt: z.string(),
    previous: z.string().describe("SHA-256 (hex) of the previous checkpoint's JWS; 64 zeros for the first"),
    root: z.string().describe('RFC 6962 Merkle root (hex) of the chain heads this checkpoint covers'),
    heads: z.number().int().describe('How many chain heads it covers (those that moved since the previous one)'),
    auditUpTo: z.number().int().describe('Audit entries up to this id are covered'),
    keyId: z.string().describe('The signing key (JWK thumbprint) in /.well-known/jwks.json'),
    jws: z.string().describe('Compact JWS (EdDSA) whose payload is this checkpoint: keep a copy outside the registry'),
  })
  .describe('A signed checkpoint of every chain head of the register');
export type PublishedCheckpoint = z.infer<typeof PublishedCheckpoint>;
