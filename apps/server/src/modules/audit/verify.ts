import type { Action } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { verifyCheckpoints } from '../checkpoints/index.ts';
import type { CertificateKeys } from '../verify/index.ts';
import { GENESIS_HASH, chainHash } from '../../lib/hash.ts';
import { actionHashInput, toAction } from '../events/repository.ts';
import { verifyProjections } from './projection-check.ts';
import { auditHashInput } from './repository.ts';

export interface ChainProblem {
  table: 'event_actions' | 'audit_log' | 'event_index' | 'certificates' | 'register_checkpoints';
  /** The record id or audit stream whose chain broke. */
  chain: string;
  position: number;
  problem: string;
}

export interface VerifyReport {
  actions: number;
  records: number;
  auditEntries: number;
  problems: ChainProblem[];
}

const PAGE = 5000;

/**
 * Recompute every hash chain: each record's actions and each audit stream. Any edited, inserted or removed
 * row breaks its chain from that point. Reads in keyset pages so memory stays flat at millions of rows.
 */
export async function verifyLogs(db: Db, onProgress?: (done: number) => void): Promise<VerifyReport> {
  const report: VerifyReport = { actions: 0, records: 0, auditEntries: 0, problems: [] };
  let chain = '';
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let after: { event_id: string; seq: number } | null = null;
  for (;;) {
    let q = db.selectFrom('event_actions').selectAll().orderBy('event_id').orderBy('seq').limit(PAGE);
    if (after) {
      const a = after;
      q = q.where((eb) =>
        eb.or([eb('event_id', '>', a.event_id), eb.and([eb('event_id', '=', a.event_id), eb('seq', '>', a.seq)])]),
      );
    }
    const rows = await q.execute();
    for (const row of rows) {
      if (row.event_id !== chain) {
        chain = row.event_id;
        prevHash = GENESIS_HASH;
        expectedSeq = 1;
        report.records += 1;
      }
      const action: Action = toAction(row);
      const problem =
        row.seq !== expectedSeq
          ? `action ${expectedSeq} is missing (found ${row.seq})`
          : row.prev_hash !== prevHash
            ? 'previous-hash link does not match the preceding action'
            : row.hash !== chainHash(prevHash, actionHashInput(row.event_id, row.seq, action))
              ? `action ${row.type} was modified after it was written`
              : null;
      if (problem) report.problems.push({ table: 'event_actions', chain, position: row.seq, problem });
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      report.actions += 1;
    }
    onProgress?.(report.actions);
    if (rows.length < PAGE) break;
    after = { event_id: rows[rows.length - 1].event_id, seq: rows[rows.length - 1].seq };
  }

  const streamHeads = new Map<string, string>();
  let lastId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const prev = streamHeads.get(row.stream) ?? GENESIS_HASH;
      const expected = chainHash(
        prev,
        auditHashInput({
          at: new Date(row.at),
          stream: row.stream,
          actorId: row.actor_id,
          actorRole: row.actor_role,
          action: row.action,
          subjectType: row.subject_type,
          subjectId: row.subject_id,
          ip: row.ip,
          details: row.details,
        }),
      );
      if (row.prev_hash !== prev) {
        report.problems.push({
          table: 'audit_log',
          chain: row.stream,
          position: Number(row.id),
          problem: 'chain link broken',
        });
      } else if (row.hash !== expected) {
        report.problems.push({
          table: 'audit_log',
          chain: row.stream,
          position: Number(row.id),
          problem: 'entry modified',
        });
      }
      streamHeads.set(row.stream, row.hash);
      report.auditEntries += 1;
      lastId = Number(row.id);
    }
    if (rows.length < PAGE) break;
  }
  return report;
}

export interface RegisterReport extends VerifyReport {
  projections: number;
  certificates: number;
  checkpoints: number;
  coveredHeads: number;
}

/**
 * Everything `lifeline verify-log` checks: every hash chain (verifyLogs), every record's projection and chain head
 * and every certificate against the action log, and every signed checkpoint against the registry's public key and
 * the chains as they are now.
 */
export async function verifyRegister(
  ctx: Pick<AppContext, 'db' | 'country'>,
  keys: Pick<CertificateKeys, 'publicKey' | 'kid'>,
  onProgress?: (done: number) => void,
): Promise<RegisterReport> {
  const chains = await verifyLogs(ctx.db, onProgress);
  const problems = [...chains.problems];
  const projected = await verifyProjections(ctx, problems);
  const checked = await verifyCheckpoints(ctx.db, keys);
  for (const p of checked.problems) {
    problems.push({
      table: 'register_checkpoints',
      chain: `checkpoint ${p.checkpoint}`,
      position: p.checkpoint,
      problem: p.problem,
    });
  }
  return {
    ...chains,
    problems,
    projections: projected.records,
    certificates: projected.certificates,
    checkpoints: checked.checkpoints,
    coveredHeads: checked.heads,
  };
}
