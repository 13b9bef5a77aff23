import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';

/** Files belong to records: an uploaded ID scan is served under the rule of the record that holds it. */
let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
const as: Record<string, Tokens> = {};

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = recordsClient(runtime);
  for (const u of ['k.bwalya', 'f.katongo', 'k.mweene', 'k.mwale', 'c.tayali', 'c.lungu']) {
    as[u] = await login(runtime, u);
  }
});
afterAll(() => runtime?.close());

/** A distinct PDF each time (content-addressed: the same bytes would be the same file). */
async function upload(by: string): Promise<string> {
  const body = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(16), Buffer.from('\n%%EOF\n')]);
  const res = await runtime.app.inject({
    method: 'POST',
    url: '/api/files',
    payload: body,
    headers: { ...bearer(as[by]), 'content-type': 'application/pdf' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().path;
}

const read = (by: string, path: string) => api.call(as[by], 'GET', path);
const document = (path: string) => ({ path, originalFilename: 'proof.pdf', type: 'application/pdf' });

async function declareWith(by: string, path: string) {
  const record = (await api.create(as[by], 'birth')).json();
  return api.act(as[by], record.id, 'DECLARE', {
    declaration: birthDeclaration({ 'documents.proofOfBirth': document(path) }),
  });
}

describe('files', () => {
  it('are read under the rule of the record that references them, not by anyone who knows the hash', async () => {
    const path = await upload('k.bwalya');
    const declared = await declareWith('k.bwalya', path);
    expect(declared.statusCode, declared.body).toBe(200);

    expect((await read('k.bwalya', path)).statusCode).toBe(200); // the uploader, who declared it
    expect((await read('k.mweene', path)).statusCode).toBe(200); // the registrar of the district
    expect((await read('c.lungu', path)).statusCode).toBe(200); // the national registrar
    expect((await read('k.mwale', path)).statusCode).toBe(403); // a registrar of another district
    expect((await read('f.katongo', path)).statusCode).toBe(200); // agent of the district (area)
  });

  it("are, before any record references them, their uploader's only", async () => {
    const path = await upload('f.katongo');
    expect((await read('f.katongo', path)).statusCode).toBe(200);
    expect((await read('k.mweene', path)).statusCode).toBe(403);
    expect((await read('c.lungu', path)).statusCode).toBe(403);
  });

  it('cannot be attached to your own record to read them through it', async () => {
    const path = await upload('k.bwalya');
    expect((await declareWith('k.bwalya', path)).statusCode).toBe(200);
    // Someone in another district learns the hash and declares a record pointing at it.
    const theft = await declareWith('c.tayali', path);
    expect(theft.statusCode).toBe(400);
    expect(theft.json().errors).toEqual([
      { field: 'documents.proofOfBirth', message: expect.stringContaining('not one you uploaded or may see') },
    ]);
    expect((await read('c.tayali', path)).statusCode).toBe(403);
    // A made-up hash is no file at all.
    const made = await declareWith('c.tayali', `/api/files/${'ab'.repeat(32)}`);
    expect(made.statusCode).toBe(400);
  });

  it("in a draft belong to the draft's author until the record is submitted", async () => {
    const path = await upload('f.katongo');
    const record = (await api.create(as['f.katongo'], 'birth')).json();
    const draft = await api.call(as['f.katongo'], 'PUT', `/api/events/${record.id}/draft`, {
      declaration: { 'documents.proofOfBirth': document(path) },
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect((await read('k.mweene', path)).statusCode).toBe(403);
    const submitted = await api.act(as['f.katongo'], record.id, 'DECLARE', {
      declaration: birthDeclaration({ 'documents.proofOfBirth': document(path) }),
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect((await read('k.mweene', path)).statusCode).toBe(200);
  });

  it('are audited at every read', async () => {
    const path = await upload('k.bwalya');
    await read('k.bwalya', path);
    await read('k.mwale', path); // refused: not a read
    const rows = await runtime.ctx.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('stream', '=', `file:${path.split('/').pop()}`)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['file.UPLOAD', 'file.READ']);
  });
});
