/**
 * The ceiling: a minimal Fastify + pg server doing the durable work of Lifeline's write path and nothing else, to
 * tell what this machine can do. Per action, one transaction: lock the record and read its head (one statement),
 * write the action with its JSON declaration, the projection, the audit row and the new head (one statement),
 * commit; both statements named and prepared. No authentication, validation, duplicate check or search keys.
 * `node --import tsx bench/ceiling/server.ts` with DATABASE_URL, PORT, POOL_SIZE; prints "listening" when ready.
 */
import { createHash, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const pool = new pg.Pool({ connectionString: url, max: Number(process.env.POOL_SIZE ?? 16) });
const hash = (prev: string, value: unknown) =>
  createHash('sha256')
    .update(prev + JSON.stringify(value))
    .digest('hex');
const GENESIS = '0'.repeat(64);

const LOCK = {
  name: 'ceiling_lock',
  text: `SELECT e.version, e.last_seq, e.last_hash, e.audit_hash, i.status, i.flags, i.declaration,
            EXISTS (SELECT 1 FROM ceiling_actions a WHERE a.event_id = e.id AND a.type = $2 AND a.transaction_id = $3)
              AS replay
         FROM ceiling_events e JOIN ceiling_index i ON i.event_id = e.id
         WHERE e.id = $1 FOR UPDATE OF e`,
};
const WRITE = {
  name: 'ceiling_write',
  text: `WITH appended AS (
           INSERT INTO ceiling_actions (id, event_id, seq, type, transaction_id, created_by, created_at, declaration, hash)
           VALUES ($2, $1, $3, $4, $5, $6, $7, $8, $9)),
         projected AS (
           INSERT INTO ceiling_index (event_id, status, flags, declaration, updated_at) VALUES ($1, $10, $11, $12, $7)
           ON CONFLICT (event_id) DO UPDATE
             SET status = excluded.status, flags = excluded.flags, declaration = excluded.declaration,
                 updated_at = excluded.updated_at),
         logged AS (
           INSERT INTO ceiling_audit (stream, action, actor, at, details, hash) VALUES ($13, $14, $6, $7, $15, $16))
         UPDATE ceiling_events SET version = version + 1, last_seq = $3, last_hash = $9, audit_hash = $16
         WHERE id = $1`,
};

interface Head {
  version: number;
  last_seq: number;
  last_hash: string;
  audit_hash: string;
  status: string;
  flags: string[];
  declaration: Record<string, unknown> | null;
}

async function write(
  client: pg.PoolClient,
  id: string,
  head: Head,
  action: { type: string; transactionId: string; declaration: Record<string, unknown> | null },
  next: { status: string; flags: string[] },
) {
  const now = new Date().toISOString();
  const seq = head.last_seq + 1;
  const row = { id: randomUUID(), eventId: id, seq, ...action, createdBy: 'bench', createdAt: now };
  const actionHash = hash(head.last_hash, row);
  const declaration = action.declaration ? { ...head.declaration, ...action.declaration } : head.declaration;
  const details = { type: action.type, transactionId: action.transactionId, version: head.version + 1 };
  const auditHash = hash(head.audit_hash, { stream: `event:${id}`, action: `record.${action.type}`, details });
  await client.query({
    ...WRITE,
    values: [
      id,
      row.id,
      seq,
      action.type,
      action.transactionId,
      row.createdBy,
      now,
      action.declaration,
      actionHash,
      next.status,
      next.flags,
      declaration,
      `event:${id}`,
      `record.${action.type}`,
      details,
      auditHash,
    ],
  });
}

/** One transaction on one pooled connection; rolled back on any error. */
async function transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const NEXT: Record<string, (h: Head) => { status: string; flags: string[] }> = {
  DECLARE: () => ({ status: 'DECLARED', flags: [] }),
  VALIDATE: (h) => ({ status: h.status, flags: [...h.flags, 'validated'] }),
  REGISTER: () => ({ status: 'REGISTERED', flags: [] }),
};

const app = Fastify({ bodyLimit: 10 * 1024 * 1024 });

app.post<{ Body: { type: string; transactionId: string } }>('/api/events', async (req, reply) => {
  const id = randomUUID();
  await transaction(async (client) => {
    await client.query({
      name: 'ceiling_create',
      text: `INSERT INTO ceiling_events (id, type, version, last_seq, last_hash, audit_hash) VALUES ($1, $2, -1, 0, $3, $3)`,
      values: [id, req.body.type, GENESIS],
    });
    const head: Head = {
      version: -1,
      last_seq: 0,
      last_hash: GENESIS,
      audit_hash: GENESIS,
      status: 'CREATED',
      flags: [],
      declaration: null,
    };
    await write(client, id, head, { type: 'CREATE', transactionId: req.body.transactionId, declaration: null }, head);
  });
  return reply.code(201).send({ id, status: 'CREATED', flags: [], version: 0 });
});

app.post<{
  Params: { id: string; type: string };
  Body: { transactionId: string; declaration?: Record<string, unknown> };
}>('/api/events/:id/actions/:type', async (req, reply) => {
  const { id, type } = req.params;
  const next = NEXT[type];
  if (!next) return reply.code(400).send({ title: `unknown action ${type}` });
  const answer = await transaction(async (client) => {
    const { rows } = await client.query<Head & { replay: boolean }>({
      ...LOCK,
      values: [id, type, req.body.transactionId],
    });
    const head = rows[0];
    if (!head) return null;
    if (head.replay) return { status: head.status, flags: head.flags, version: head.version };
    const after = next(head);
    await write(
      client,
      id,
      head,
      { type, transactionId: req.body.transactionId, declaration: req.body.declaration ?? null },
      after,
    );
    return { ...after, version: head.version + 1 };
  });
  if (!answer) return reply.code(404).send({ title: `no record ${id}` });
  return { id, ...answer };
});

const port = Number(process.env.PORT ?? 0);
await app.listen({ port, host: '127.0.0.1' });
console.log('listening');
const stop = () => {
  void app
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
