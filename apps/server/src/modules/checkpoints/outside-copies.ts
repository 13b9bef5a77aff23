import type { Db } from '../../db/connect.ts';
import type { CertificateKeys } from '../verify/keys.ts';
import { checkpointById } from './repository.ts';
import { checkpointSignedPayload, type CheckpointProblem } from './service.ts';

/**
 * Compare copies of published checkpoints kept outside the database (JSON lines, or a JSON array, of what
 * GET /api/register/checkpoints/... answered) with the database: a copy that verifies with the registry key but is
 * missing or different in the database means the checkpoints were rewritten.
 */
export async function compareOutsideCopies(
  db: Db,
  keys: Pick<CertificateKeys, 'publicKey' | 'kid'>,
  text: string,
): Promise<{ compared: number; problems: CheckpointProblem[] }> {
  const trimmed = text.trim();
  const copies = (
    trimmed.startsWith('[')
      ? JSON.parse(trimmed)
      : trimmed
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l))
  ) as Array<{ id?: number; jws?: string }>;
  const problems: CheckpointProblem[] = [];
  for (const copy of copies) {
    const signed = typeof copy.jws === 'string' ? await checkpointSignedPayload(copy.jws, keys) : null;
    const id = Number(signed?.id ?? copy.id ?? 0);
    if (!signed) {
      problems.push({ checkpoint: id, problem: 'the copy kept outside does not verify with the registry key' });
      continue;
    }
    const stored = await checkpointById(db, signed.id);
    if (!stored) problems.push({ checkpoint: id, problem: 'a published checkpoint is missing from the database' });
    else if (stored.jws !== copy.jws)
      problems.push({
        checkpoint: id,
        problem: 'the database holds another checkpoint under this number than the one published',
      });
  }
  return { compared: copies.length, problems };
}
