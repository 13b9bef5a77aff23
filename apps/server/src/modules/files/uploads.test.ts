import { createHash, randomBytes } from 'node:crypto';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';

let runtime: TestRuntime;
let clerk: Tokens;
let base: string;

beforeAll(async () => {
  runtime = await startTestRuntime();
  base = await runtime.app.listen({ port: 0, host: '127.0.0.1' });
  clerk = await login(runtime, 'k.bwalya');
});
afterAll(async () => {
  await runtime?.close();
});

/** A PNG of `size` bytes: the real signature, then random bytes (each test file is different). */
function png(size: number): Buffer {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, randomBytes(size - signature.length)]);
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Upload with tus-js-client, an independent implementation of the protocol; resolves with the final upload URL. */
function tusUpload(data: Buffer, options: Partial<tus.UploadOptions> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(data, {
      endpoint: `${base}/api/files/uploads`,
      chunkSize: 64 * 1024,
      retryDelays: [0, 100, 200],
      headers: bearer(clerk),
      metadata: { filename: 'birth notice.png', filetype: 'image/png', sha256: sha256(data) },
      onSuccess: () => resolve(upload.url!),
      onError: reject,
      ...options,
    });
    upload.start();
  });
}

const tusHeaders = { ...{ 'tus-resumable': '1.0.0' } };

describe('resumable uploads (tus 1.0.0)', () => {
  it('stores a file sent in chunks by a tus client, under the same content address as POST /api/files', async () => {
    const data = png(300 * 1024);
    const url = await tusUpload(data);
    const head = await fetch(url, { method: 'HEAD', headers: { ...bearer(clerk), ...tusHeaders } });
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe(String(data.length));
    expect(head.headers.get('x-file-path')).toBe(`/api/files/${sha256(data)}`);
    const back = await runtime.app.inject({ method: 'GET', url: `/api/files/${sha256(data)}`, headers: bearer(clerk) });
    expect(back.statusCode).toBe(200);
    expect(sha256(back.rawPayload)).toBe(sha256(data));
    const audit = await runtime.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('stream', '=', `file:${sha256(data)}`)
      .orderBy('id')
      .execute();
    expect(audit[0]).toMatchObject({ action: 'file.UPLOAD', details: { originalFilename: 'birth notice.png' } });
  });

  it('resumes where the server copy ends after the client stopped half way', async () => {
    const data = png(200 * 1024);
    let url = '';
    await new Promise<void>((resolve, reject) => {
      const upload = new tus.Upload(data, {
        endpoint: `${base}/api/files/uploads`,
        chunkSize: 32 * 1024,
        headers: bearer(clerk),
        metadata: { filetype: 'image/png', sha256: sha256(data) },
        onChunkComplete: (_size, accepted) => {
          if (accepted >= 96 * 1024) {
            url = upload.url!;
            void upload.abort().then(resolve, reject);
          }
        },
        onError: reject,
      });
      upload.start();
    });
    const head = await fetch(url, { method: 'HEAD', headers: { ...bearer(clerk), ...tusHeaders } });
    expect(Number(head.headers.get('upload-offset'))).toBe(96 * 1024);
    expect(head.headers.get('x-file-path')).toBeNull();
    // A new client (after a restart) resumes the same upload from the server's offset.
    let firstOffset = -1;
    await tusUpload(data, {
      uploadUrl: url,
      onProgress: (sent) => {
        if (firstOffset < 0) firstOffset = sent;
      },
    });
    expect(firstOffset).toBeGreaterThanOrEqual(96 * 1024);
    const done = await fetch(url, { method: 'HEAD', headers: { ...bearer(clerk), ...tusHeaders } });
    expect(done.headers.get('x-file-path')).toBe(`/api/files/${sha256(data)}`);
  });

  it('refuses a chunk at the wrong offset with 409 and the right offset, changing nothing', async () => {
    const data = png(1000);
    const created = await fetch(`${base}/api/files/uploads`, {
      method: 'POST',
      headers: {
        ...bearer(clerk),
        ...tusHeaders,
        'upload-length': String(data.length),
        'upload-metadata': `filetype ${Buffer.from('image/png').toString('base64')}`,
      },
    });
    expect(created.status).toBe(201);
    const url = new URL(created.headers.get('location')!, base).toString();
    const patch = (offset: number, body: Buffer) =>
      fetch(url, {
        method: 'PATCH',
        headers: {
          ...bearer(clerk),
          ...tusHeaders,
          'upload-offset': String(offset),
          'content-type': 'application/offset+octet-stream',
        },
        body,
      });
    expect((await patch(0, data.subarray(0, 400))).status).toBe(204);
    // The same chunk again (a duplicated request): refused, the offset stays.
    const again = await patch(0, data.subarray(0, 400));
    expect(again.status).toBe(409);
    expect(again.headers.get('upload-offset')).toBe('400');
    expect(again.headers.get('tus-resumable')).toBe('1.0.0');
    const last = await patch(400, data.subarray(400));
    expect(last.status).toBe(204);
    expect(last.headers.get('upload-offset')).toBe('1000');
    expect(last.headers.get('x-file-path')).toBe(`/api/files/${sha256(data)}`);
  });

  it('starts again from 0 when the bytes do not match the announced SHA-256 (460)', async () => {
    const data = png(500);
    const created = await fetch(`${base}/api/files/uploads`, {
      method: 'POST',
      headers: {
        ...bearer(clerk),
        ...tusHeaders,
        'upload-length': '500',
        'upload-metadata': [
          `filetype ${Buffer.from('image/png').toString('base64')}`,
          `sha256 ${Buffer.from('0'.repeat(64)).toString('base64')}`,
        ].join(','),
      },
    });
    const url = new URL(created.headers.get('location')!, base).toString();
    const res = await fetch(url, {
      method: 'PATCH',
      headers: {
        ...bearer(clerk),
        ...tusHeaders,
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      },
      body: data,
    });
    expect(res.status).toBe(460);
    const head = await fetch(url, { method: 'HEAD', headers: { ...bearer(clerk), ...tusHeaders } });
    expect(head.headers.get('upload-offset')).toBe('0');
  });

  it("answers clear 4xx to bad requests and hides other users' uploads", async () => {
    const post = (headers: Record<string, string>, who: Tokens | null = clerk) =>
      fetch(`${base}/api/files/uploads`, { method: 'POST', headers: { ...(who ? bearer(who) : {}), ...headers } });
    const meta = (type: string) => `filetype ${Buffer.from(type).toString('base64')}`;
    expect(
      (await post({ ...tusHeaders, 'upload-length': '10', 'upload-metadata': meta('image/png') }, null)).status,
    ).toBe(401);
    expect((await post({ 'upload-length': '10', 'upload-metadata': meta('image/png') })).status).toBe(412);
    expect((await post({ ...tusHeaders, 'upload-length': '10', 'upload-metadata': meta('text/html') })).status).toBe(
      415,
    );
    expect(
      (await post({ ...tusHeaders, 'upload-length': String(6 * 1024 * 1024), 'upload-metadata': meta('image/png') }))
        .status,
    ).toBe(413);
    expect((await post({ ...tusHeaders, 'upload-length': '10', 'upload-metadata': 'filetype !!!' })).status).toBe(400);
    const bad = await post({ ...tusHeaders, 'upload-length': 'ten', 'upload-metadata': meta('image/png') });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ field: string }> }).errors[0].field).toContain('upload-length');
    const admin = await login(runtime, 'j.campbell');
    expect(
      (await post({ ...tusHeaders, 'upload-length': '10', 'upload-metadata': meta('image/png') }, admin)).status,
    ).toBe(403);

    const created = await post({ ...tusHeaders, 'upload-length': '10', 'upload-metadata': meta('image/png') });
    const url = new URL(created.headers.get('location')!, base).toString();
    const agent = await login(runtime, 'f.katongo');
    expect((await fetch(url, { method: 'HEAD', headers: { ...bearer(agent), ...tusHeaders } })).status).toBe(404);
    const wrongType = await fetch(url, {
      method: 'PATCH',
      headers: { ...bearer(clerk), ...tusHeaders, 'upload-offset': '0', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(wrongType.status).toBe(415);
    const tooLong = await fetch(url, {
      method: 'PATCH',
      headers: {
        ...bearer(clerk),
        ...tusHeaders,
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      },
      body: png(20),
    });
    expect(tooLong.status).toBe(413);
    const options = await fetch(`${base}/api/files/uploads`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('tus-version')).toBe('1.0.0');
    expect((await fetch(url, { method: 'DELETE', headers: { ...bearer(clerk), ...tusHeaders } })).status).toBe(204);
    expect((await fetch(url, { method: 'HEAD', headers: { ...bearer(clerk), ...tusHeaders } })).status).toBe(404);
  });

  it('refuses a file that is not what its type says once complete, and drops the upload', async () => {
    const fake = Buffer.from('<html>not a png at all</html>');
    await expect(tusUpload(fake, { metadata: { filetype: 'image/png' } })).rejects.toThrow(/415/);
  });
});
