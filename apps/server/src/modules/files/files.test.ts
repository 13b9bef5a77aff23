import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';

let runtime: TestRuntime;
let clerk: Tokens;

beforeAll(async () => {
  runtime = await startTestRuntime();
  clerk = await login(runtime, 'k.bwalya');
});
afterAll(async () => {
  await runtime?.close();
});

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('a tiny png body for the test'),
]);
const PDF = Buffer.from('%PDF-1.4\n% test document\n%%EOF\n');

function upload(
  body: Buffer,
  contentType: string,
  headers: Record<string, string> = bearer(clerk),
  url = '/api/files',
) {
  return runtime.app.inject({
    method: 'POST',
    url,
    payload: body,
    headers: { 'content-type': contentType, ...headers },
  });
}

describe('POST /api/files', () => {
  it('stores a PNG by the SHA-256 of its bytes and returns it byte for byte', async () => {
    const res = await upload(PNG, 'image/png', { ...bearer(clerk), 'x-filename': encodeURIComponent('Mère ID.png') });
    expect(res.statusCode).toBe(201);
    const sha = createHash('sha256').update(PNG).digest('hex');
    expect(res.json()).toEqual({
      path: `/api/files/${sha}`,
      originalFilename: 'Mère ID.png',
      type: 'image/png',
      size: PNG.length,
    });

    const back = await runtime.app.inject({ method: 'GET', url: `/api/files/${sha}`, headers: bearer(clerk) });
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-type']).toBe('image/png');
    expect(back.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(Buffer.compare(back.rawPayload, PNG)).toBe(0);
  });

  it('stores a PDF, taking the name from the query, and gives the same bytes the same id', async () => {
    const first = await upload(PDF, 'application/pdf', bearer(clerk), '/api/files?filename=proof.pdf');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ originalFilename: 'proof.pdf', type: 'application/pdf', size: PDF.length });
    const agent = await login(runtime, 'f.katongo');
    const second = await upload(PDF, 'application/pdf', bearer(agent));
    expect(second.statusCode).toBe(201);
    expect(second.json().path).toBe(first.json().path);
    expect(second.json()).not.toHaveProperty('originalFilename');

    const back = await runtime.app.inject({ method: 'GET', url: first.json().path, headers: bearer(agent) });
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(back.rawPayload, PDF)).toBe(0);

    const id = first.json().path.split('/').pop();
    const audit = await runtime.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_role'])
      .where('stream', '=', `file:${id}`)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['file.UPLOAD', 'file.UPLOAD', 'file.READ']);
  });

  it('refuses content that is not what its type says, and types it does not accept', async () => {
    const fake = await upload(Buffer.from('<html>not a png</html>'), 'image/png');
    expect(fake.statusCode).toBe(415);
    expect(fake.headers['content-type']).toContain('application/problem+json');
    expect(fake.json().detail).toMatch(/not a PNG/);
    expect((await upload(PNG, 'image/jpeg')).statusCode).toBe(415);
    expect((await upload(Buffer.from('hello'), 'text/plain')).statusCode).toBe(415);
    expect((await upload(Buffer.alloc(0), 'application/pdf')).statusCode).toBeGreaterThanOrEqual(400);
  });

  it('refuses files over 5 MB with 413', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]);
    const res = await upload(big, 'application/pdf');
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('needs a signed-in user who can fill declarations', async () => {
    expect((await upload(PNG, 'image/png', {})).statusCode).toBe(401);
    const admin = await login(runtime, 'j.campbell');
    expect((await upload(PNG, 'image/png', bearer(admin))).statusCode).toBe(403);
    const manager = await login(runtime, 'm.musonda');
    expect((await upload(PNG, 'image/png', bearer(manager))).statusCode).toBe(403);
  });
});

describe('GET /api/files/:id', () => {
  it('needs a token, a well-formed id and an existing file', async () => {
    const sha = createHash('sha256').update(PNG).digest('hex');
    expect((await runtime.app.inject({ method: 'GET', url: `/api/files/${sha}` })).statusCode).toBe(401);
    const bad = await runtime.app.inject({ method: 'GET', url: '/api/files/not-a-hash', headers: bearer(clerk) });
    expect(bad.statusCode).toBe(400);
    const missing = await runtime.app.inject({
      method: 'GET',
      url: `/api/files/${'0'.repeat(64)}`,
      headers: bearer(clerk),
    });
    expect(missing.statusCode).toBe(404);
  });

  it('does not show documents to roles that do not work on records', async () => {
    const res = await upload(PNG, 'image/png');
    const admin = await login(runtime, 'j.campbell');
    const read = await runtime.app.inject({ method: 'GET', url: res.json().path, headers: bearer(admin) });
    expect(read.statusCode).toBe(403);
  });
});
