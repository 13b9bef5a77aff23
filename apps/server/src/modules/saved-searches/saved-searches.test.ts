import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';

let runtime: TestRuntime;
let mine: Tokens;
let theirs: Tokens;
beforeAll(async () => {
  runtime = await startTestRuntime();
  mine = await login(runtime, 'k.mweene');
  theirs = await login(runtime, 'f.katongo');
});
afterAll(() => runtime?.close());

const call = (tokens: Tokens, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  runtime.app.inject({ method, url, headers: bearer(tokens), ...(payload ? { payload } : {}) });

it("saves, lists and deletes a user's own searches, refusing bad queries and duplicates", async () => {
  const query = { type: 'and', clauses: [{ eventType: 'birth', status: { type: 'exact', term: 'DECLARED' } }] };
  const saved = await call(mine, 'POST', '/api/saved-searches', { name: 'Births to review', query });
  expect(saved.statusCode, saved.body).toBe(201);
  expect((await call(mine, 'POST', '/api/saved-searches', { name: 'Births to review', query })).statusCode).toBe(409);
  expect((await call(mine, 'POST', '/api/saved-searches', { name: 'Bad', query: { type: 'xor' } })).statusCode).toBe(
    400,
  );
  expect((await call(mine, 'GET', '/api/saved-searches')).json()).toEqual([
    { id: saved.json().id, name: 'Births to review', query, createdAt: expect.any(String) },
  ]);
  expect((await call(theirs, 'GET', '/api/saved-searches')).json()).toEqual([]);
  expect((await call(theirs, 'DELETE', `/api/saved-searches/${saved.json().id}`)).statusCode).toBe(404);
  expect((await call(mine, 'DELETE', `/api/saved-searches/${saved.json().id}`)).statusCode).toBe(204);
  expect((await call(mine, 'GET', '/api/saved-searches')).json()).toEqual([]);
});
