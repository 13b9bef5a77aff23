/**
 * The ceiling server's tables: the same durable shape as Lifeline's write path, nothing more. A record row with
 * its version and chain heads, an append-only action log holding each action's JSON declaration with its hash, a
 * projection row per record (status, flags, merged declaration), a hash-chained audit log.
 */
export const CEILING_TABLES = `
CREATE TABLE ceiling_events (
  id uuid PRIMARY KEY,
  type text NOT NULL,
  version int NOT NULL,
  last_seq int NOT NULL,
  last_hash text NOT NULL,
  audit_hash text NOT NULL
);
CREATE TABLE ceiling_actions (
  id uuid PRIMARY KEY,
  event_id uuid NOT NULL REFERENCES ceiling_events (id),
  seq int NOT NULL,
  type text NOT NULL,
  transaction_id text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  declaration jsonb,
  hash text NOT NULL,
  UNIQUE (event_id, seq),
  UNIQUE (event_id, type, transaction_id)
);
CREATE TABLE ceiling_index (
  event_id uuid PRIMARY KEY REFERENCES ceiling_events (id),
  status text NOT NULL,
  flags text[] NOT NULL,
  declaration jsonb,
  updated_at timestamptz NOT NULL
);
CREATE TABLE ceiling_audit (
  id bigserial PRIMARY KEY,
  stream text NOT NULL,
  action text NOT NULL,
  actor text NOT NULL,
  at timestamptz NOT NULL,
  details jsonb,
  hash text NOT NULL
);`;

export const REGISTERED_IN_CEILING = `SELECT count(*)::int AS n FROM ceiling_index WHERE status = 'REGISTERED'`;
