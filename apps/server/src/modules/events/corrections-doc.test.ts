import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';

/**
 * docs/corrections.md's examples, run as written: each `<!-- example: NAME as USER: METHOD PATH -->` comment names
 * the request of the JSON block after it. They run in order on one registered birth, as the page tells them.
 */
const DOC = readFileSync(path.resolve(import.meta.dirname, '../../../../../docs/corrections.md'), 'utf8');
const EXAMPLE = /<!-- example: ([^>]+?) as ([\w.]+): (POST) (\S+) -->\s*```json\n([\s\S]*?)```/g;
const examples = [...DOC.matchAll(EXAMPLE)].map(([, name, user, method, url, json]) => ({
  name,
  user,
  method: method as 'POST',
  url,
  body: JSON.parse(json) as Record<string, unknown>,
}));

let runtime: TestRuntime;
const as: Record<string, Tokens> = {};

beforeAll(async () => {
  runtime = await startTestRuntime();
  for (const u of new Set(examples.map((e) => e.user))) as[u] = await login(runtime, u);
  as['k.mweene'] ??= await login(runtime, 'k.mweene');
});
afterAll(() => runtime?.close());

describe('docs/corrections.md', () => {
  it('has the examples it promises', () => {
    expect(examples.map((e) => e.name)).toEqual(['request', 'approve', 'correct in one step', 'revoke', 'reinstate']);
  });

  it('runs every example as written, in order, on a registered birth', async () => {
    const api = recordsClient(runtime);
    const record = (await api.create(as['k.mweene'], 'birth')).json();
    const registered = await api.act(as['k.mweene'], record.id, 'REGISTER', {
      declaration: birthDeclaration({ 'mother.nid': '5544332211' }),
    });
    expect(registered.statusCode, registered.body).toBe(200);
    for (const example of examples) {
      // Each run of the test is a new record: the documented transactionIds are made unique to it.
      const body = { ...example.body, transactionId: `${example.body.transactionId}-${randomUUID()}` };
      const res = await api.call(as[example.user], example.method, example.url.replace('{id}', record.id), body);
      expect(res.statusCode, `${example.name}: ${res.body}`).toBe(200);
    }
    const doc = (await api.get(as['k.mweene'], record.id)).json();
    expect(doc.declaration).toMatchObject({ 'child.gender': 'male', 'child.birthType': 'TWIN' });
    expect(doc.flags).toEqual([]);
    expect(doc.actions.map((a: { type: string }) => a.type).slice(-6)).toEqual([
      'REQUEST_CORRECTION',
      'APPROVE_CORRECTION',
      'REQUEST_CORRECTION',
      'APPROVE_CORRECTION',
      'REVOKE',
      'REINSTATE',
    ]);
  });
});
