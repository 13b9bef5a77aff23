import type { ColumnType } from 'kysely';
import type { Db } from '../../db/connect.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** A signed checkpoint (migration 0100): append-only. */
export interface RegisterCheckpointsTable {
  id: number;
  created_at: Timestamp;
  /** SHA-256 of the previous checkpoint's JWS (64 zeros for the first): the checkpoints form a chain. */
  previous: string;
  /** RFC 6962 Merkle root of the heads this checkpoint covers (those that moved since the previous one). */
  root: string;
  heads: number;
  /** Audit entries up to this id are covered. */
  audit_up_to: number;
  key_id: string;
  /** Compact JWS (EdDSA, the registry's certificate key) over the checkpoint's payload. */
  jws: string;
}

/** The heads a checkpoint covers (append-only). */
export interface CheckpointHeadsTable {
  checkpoint_id: number;
  chain: string;
  position: number;
  hash: string;
}

/** The writer's working copy: the latest covered head of each chain. */
export interface CoveredHeadsTable {
  chain: string;
  position: number;
  hash: string;
}

export type CheckpointTables = {
  register_checkpoints: RegisterCheckpointsTable;
  checkpoint_heads: CheckpointHeadsTable;
  covered_heads: CoveredHeadsTable;
};

export const withCheckpoints = (db: Db) => db.withTables<CheckpointTables>();
