import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, startTestRuntime, type TestRuntime } from '../../test/harness.ts';

let runtime: TestRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(() => runtime?.close());

describe('GET /api/config', () => {
  it("sends the forms of the role's event types and role labels without scopes, revalidated by ETag", async () => {
    const clerk = await login(runtime, 'k.bwalya');
    const res = await runtime.app.inject({ method: 'GET', url: '/api/config', headers: bearer(clerk) });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { events: Array<{ id: string }>; roles: Array<Record<string, unknown>> };
    // Not marriage: hospitals report births and deaths.
    expect(body.events.map((e) => e.id).sort()).toEqual(['birth', 'death']);
    expect(body.roles.length).toBeGreaterThan(5);
    for (const role of body.roles) expect(Object.keys(role).sort()).toEqual(['id', 'label']);
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);

    const again = await runtime.app.inject({
      method: 'GET',
      url: '/api/config',
      headers: { ...bearer(clerk), 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    // A role that works on no records gets no forms.
    const admin = await login(runtime, 'j.campbell');
    const adminConfig = await runtime.app.inject({ method: 'GET', url: '/api/config', headers: bearer(admin) });
    expect((adminConfig.json() as { events: unknown[] }).events).toEqual([]);
    // ...but the names of the event types it may import legacy registers of (record.import).
    const importable = (adminConfig.json() as { importable: Array<{ id: string; label: { en: string } }> }).importable;
    expect(importable.map((e) => e.id)).toEqual(expect.arrayContaining(['birth', 'death']));
    expect(importable[0].label.en).toBeTruthy();
    expect((res.json() as { importable: unknown[] }).importable).toEqual([]);
    expect(adminConfig.headers.etag).not.toBe(etag);
  });

  it('is compressed with brotli or gzip as the client accepts, to the same JSON', async () => {
    const clerk = await login(runtime, 'k.bwalya');
    const plain = await runtime.app.inject({ method: 'GET', url: '/api/config', headers: bearer(clerk) });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await runtime.app.inject({
      method: 'GET',
      url: '/api/config',
      headers: { ...bearer(clerk), 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    const unpacked = brotliDecompressSync(br.rawPayload).toString();
    expect(JSON.parse(unpacked)).toEqual(plain.json());
    expect(br.rawPayload.length * 4).toBeLessThan(plain.rawPayload.length);
    const gz = await runtime.app.inject({
      method: 'GET',
      url: '/api/locations/sync',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString()).results.length).toBeGreaterThan(400);
  });
});
