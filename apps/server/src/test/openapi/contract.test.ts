import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import SwaggerParser from '@apidevtools/swagger-parser';
import createClient, { type Middleware } from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../declarations.ts';
import { DEV_CODE, startTestRuntime, type TestRuntime } from '../harness.ts';
import type { paths } from './api.d.ts';
import { generateApiTypes } from './generate.ts';

/**
 * The API contract as integrators' tools see it: the document passes an independent OpenAPI validator, every
 * operation is named and documents its errors, and a client generated from it (openapi-typescript +
 * openapi-fetch) runs a birth from login to registration, with typed answers and typed errors.
 */
let runtime: TestRuntime;
let document: {
  servers?: unknown[];
  paths: Record<string, Record<string, { operationId?: string; responses: Record<string, { content?: object }> }>>;
};
let baseUrl: string;

beforeAll(async () => {
  runtime = await startTestRuntime();
  document = (await runtime.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  await runtime.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(runtime.app.server.address() as AddressInfo).port}`;
});
afterAll(() => runtime?.close());

const operations = () =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, path, operation })),
  );

describe('the OpenAPI document', () => {
  it('is valid under @apidevtools/swagger-parser, with servers', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
    expect(document.servers?.length).toBeGreaterThan(0);
  });

  it('names every operation once and documents its errors', () => {
    const ids = operations().map((o) => o.operation.operationId);
    expect(
      operations()
        .filter((o) => !o.operation.operationId)
        .map((o) => o.key),
    ).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    // Public documents (keys, the capability statement, the languages on offer, CORS preflight) take no input and
    // always answer.
    const exempt = new Set([
      'GET /.well-known/jwks.json',
      'GET /.well-known/did.json',
      'GET /fhir/metadata',
      'GET /api/content/languages',
    ]);
    const silent = operations().filter(
      (o) =>
        !exempt.has(o.key) &&
        o.key.split(' ')[0] !== 'OPTIONS' &&
        !Object.keys(o.operation.responses).some((s) => Number(s) >= 400),
    );
    expect(silent.map((o) => o.key)).toEqual([]);
    for (const { key, path, operation } of operations()) {
      if (path.startsWith('/fhir') || path === '/api/auth/token') continue;
      for (const [status, answer] of Object.entries(operation.responses)) {
        if (Number(status) >= 400 && answer.content)
          expect([key, Object.keys(answer.content)]).toEqual([key, ['application/problem+json']]);
      }
    }
  });

  it('gives the success codes the routes answer', () => {
    const statuses = (key: string) => Object.keys(operations().find((o) => o.key === key)!.operation.responses);
    for (const key of [
      'DELETE /api/events/{id}',
      'DELETE /api/events/{id}/draft',
      'DELETE /api/saved-searches/{id}',
      'DELETE /api/webhooks/{id}',
      'POST /api/auth/logout',
    ]) {
      expect([key, statuses(key).filter((s) => s.startsWith('2'))]).toEqual([key, ['204']]);
    }
    expect(statuses('POST /api/events')).toContain('201');
    const upload = operations().find((o) => o.key === 'POST /api/files')!.operation as {
      requestBody?: { content: object };
    };
    expect(Object.keys(upload.requestBody?.content ?? {})).toEqual(['image/jpeg', 'image/png', 'application/pdf']);
  });

  it('generates the TypeScript client in this repository (npm run openapi:types after changing routes)', async () => {
    const committed = readFileSync(new URL('./api.d.ts', import.meta.url), 'utf8');
    expect(await generateApiTypes(document)).toBe(committed);
  });
});

describe('a client generated from the document', () => {
  it('logs in with the dev code, then creates, declares, validates and registers a birth', async () => {
    const api = createClient<paths>({ baseUrl });
    const started = await api.POST('/api/auth/login', { body: { username: 'k.mweene', password: 'test' } });
    expect(started.error).toBeUndefined();
    const verified = await api.POST('/api/auth/verify', { body: { nonce: started.data!.nonce, code: DEV_CODE } });
    const accessToken = verified.data!.accessToken;
    const bearer: Middleware = {
      onRequest: ({ request }) => {
        request.headers.set('authorization', `Bearer ${accessToken}`);
        return request;
      },
    };
    api.use(bearer);

    const created = await api.POST('/api/events', { body: { type: 'birth', transactionId: randomUUID() } });
    expect(created.response.status).toBe(201);
    const id = created.data!.id;
    const act = (type: 'DECLARE' | 'VALIDATE' | 'REGISTER', declaration?: Record<string, unknown>) =>
      api.POST('/api/events/{id}/actions/{type}', {
        params: { path: { id, type } },
        body: { transactionId: randomUUID(), ...(declaration ? { declaration } : {}) },
      });
    expect((await act('DECLARE', birthDeclaration())).data?.status).toBe('DECLARED');
    expect((await act('VALIDATE')).data?.flags).toContain('validated');
    const registered = await act('REGISTER');
    expect(registered.data?.status).toBe('REGISTERED');
    expect(registered.data?.registrationNumber).toMatch(/^B/);

    // Errors are typed too: a problem with its status and detail.
    const missing = await api.GET('/api/events/{id}', { params: { path: { id: randomUUID() } } });
    expect(missing.data).toBeUndefined();
    expect(missing.error?.status).toBe(404);
    expect(typeof missing.error?.detail).toBe('string');
    const again = await act('REGISTER');
    expect([again.response.status, again.error?.title]).toEqual([409, 'Conflict']);
  });
});
