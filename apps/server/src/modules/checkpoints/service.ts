import { CompactSign, compactVerify } from 'jose';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { GENESIS_HASH, sha256Hex } from '../../lib/hash.ts';
import { CERTIFICATE_ALGORITHM, type CertificateKeys } from '../verify/keys.ts';
import { merkleRoot, sortHeads } from './merkle.ts';
import * as repo from './repository.ts';

/** What a checkpoint's signature covers (the JWS payload), as published. */
export interface CheckpointPayload {
  v: 1;
  id: number;
  createdAt: string;
  previous: string;
  root: string;
  heads: number;
  auditUpTo: number;
}

const encoder = new TextEncoder();

export const payloadOf = (row: repo.CheckpointRow): CheckpointPayload => ({
  v: 1,
  id: Number(row.id),
  createdAt: new Date(row.created_at).toISOString(),
  previous: row.previous,
  root: row.root,
  heads: row.heads,
  auditUpTo: Number(row.audit_up_to),
});

/**
 * Write a checkpoint of every chain head that moved since the last one (record action logs and audit streams),
 * signed with the registry's key; null when nothing moved. Runs beside the write path, never in it: writers take no
 * lock of ours, and two server copies checkpointing at once take turns (an advisory lock).
 */
export async function writeCheckpoint(db: Db, keys: CertificateKeys, now = new Date()) {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext('lifeline checkpoint ' || current_schema()))`.execute(trx);
      const last = await repo.latestCheckpoint(trx);
      const records = await repo.movedRecordHeads(trx);
      const audit = await repo.movedAuditHeads(trx, Number(last?.audit_up_to ?? 0));
      const heads = sortHeads([...records, ...audit.heads]);
      if (!heads.length) return null;
      const row: repo.CheckpointRow = {
        id: Number(last?.id ?? 0) + 1,
        created_at: now,
        previous: last ? sha256Hex(last.jws) : GENESIS_HASH,
        root: merkleRoot(heads),
        heads: heads.length,
        audit_up_to: audit.upTo,
        key_id: keys.kid,
        jws: '',
      };
      row.jws = await new CompactSign(encoder.encode(JSON.stringify(payloadOf(row))))
        .setProtectedHeader({ alg: CERTIFICATE_ALGORITHM, kid: keys.kid, typ: 'lifeline-checkpoint' })
        .sign(keys.privateKey);
      await repo.insertCheckpoint(trx, row, heads);
      return row;
    });
}

export interface CheckpointProblem {
  checkpoint: number;
  problem: string;
}

/** The payload of a checkpoint JWS made with this key, or null when the signature does not verify. */
export async function checkpointSignedPayload(
  jws: string,
  keys: Pick<CertificateKeys, 'publicKey' | 'kid'>,
): Promise<CheckpointPayload | null> {
  try {
    const { payload, protectedHeader } = await compactVerify(jws, keys.publicKey, {
      algorithms: [CERTIFICATE_ALGORITHM],
    });
    if (protectedHeader.kid !== keys.kid) return null;
    return JSON.parse(new TextDecoder().decode(payload)) as CheckpointPayload;
  } catch {
    return null;
  }
}

const PAGE = 500;

/**
 * Check the checkpoints against the registry's public key and the chains as they are now: each signature, each
 * link to the previous checkpoint, each root against the heads stored with it, and that every head ever covered is
 * still in its chain with the same hash at the same position. A deleted record or audit stream, an action or
 * audit entry removed from the end of its chain, or a chain edited and hashed again, shows up here.
 */
export async function verifyCheckpoints(
  db: Db,
  keys: Pick<CertificateKeys, 'publicKey' | 'kid'>,
): Promise<{ checkpoints: number; heads: number; problems: CheckpointProblem[] }> {
  const problems: CheckpointProblem[] = [];
  let previous: repo.CheckpointRow | undefined;
  let checkpoints = 0;
  let heads = 0;
  for (;;) {
    const page = await repo.checkpointsAfter(db, Number(previous?.id ?? 0), PAGE);
    for (const row of page) {
      const id = Number(row.id);
      const expectedId = Number(previous?.id ?? 0) + 1;
      if (id !== expectedId)
        problems.push({ checkpoint: id, problem: `checkpoints ${expectedId}..${id - 1} are missing` });
      const signed = await checkpointSignedPayload(row.jws, keys);
      if (!signed) problems.push({ checkpoint: id, problem: 'signature does not verify with the registry key' });
      else if (JSON.stringify(signed) !== JSON.stringify(payloadOf(row))) {
        problems.push({ checkpoint: id, problem: 'stored columns differ from the signed checkpoint' });
      }
      const link = previous ? sha256Hex(previous.jws) : GENESIS_HASH;
      if (signed && signed.previous !== link) {
        problems.push({ checkpoint: id, problem: 'does not link to the previous checkpoint' });
      }
      const covered = sortHeads(await repo.headsOf(db, id));
      if (signed && (covered.length !== signed.heads || merkleRoot(covered) !== signed.root)) {
        problems.push({ checkpoint: id, problem: 'the heads stored with it do not match its signed root' });
      }
      heads += covered.length;
      checkpoints += 1;
      previous = row;
    }
    if (page.length < PAGE) break;
  }
  for (const gone of await repo.vanishedHeads(db)) {
    problems.push({
      checkpoint: gone.checkpoint_id,
      problem: `${gone.chain} #${gone.position} (covered) is no longer in the chain with hash ${gone.hash.slice(0, 12)}…`,
    });
  }
  return { checkpoints, heads, problems };
}
