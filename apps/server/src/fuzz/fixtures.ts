import { birthDeclaration, deathDeclaration } from '../test/declarations.ts';
import { hashPassword } from '../modules/users/passwords.ts';
import { bearer, login, type TestRuntime, type Tokens } from '../test/harness.ts';
import { recordsClient } from '../test/records.ts';
import { motherCollects } from '../modules/certificates/testing.ts';
import { harvest, type Dictionary } from './schema-values.ts';

export interface Identity {
  name: string;
  tokens: Tokens | null;
}

/** One signed-in user per role of the country config (the first employee who has it), and anonymous. */
export async function identities(runtime: TestRuntime): Promise<Identity[]> {
  const firstOfRole = new Map<string, string>();
  for (const e of runtime.ctx.country.config.employees)
    if (!firstOfRole.has(e.role)) firstOfRole.set(e.role, e.username);
  const users: Identity[] = [];
  for (const [role, username] of firstOfRole)
    users.push({ name: `${role} ${username}`, tokens: await login(runtime, username) });
  return users;
}

/**
 * Bring back identities an earlier operation put out of action: the fuzzer's own inputs may deactivate a user, move
 * them to another role or office, or change their password, and that ends their logins. Each such user gets their
 * demo account back (as the country config has it) and logs in again.
 */
export async function revive(runtime: TestRuntime, users: Identity[]): Promise<void> {
  const employees = new Map(runtime.ctx.country.config.employees.map((e) => [e.username, e]));
  for (const identity of users) {
    const me = await runtime.app.inject({ method: 'GET', url: '/api/users/me', headers: bearer(identity.tokens!) });
    if (me.statusCode === 200 && !me.json().mustChangePassword) continue;
    const username = identity.name.split(' ').pop()!;
    const employee = employees.get(username)!;
    await runtime.ctx.db
      .updateTable('users')
      .set({
        status: 'active',
        role: employee.role,
        primary_office_id: employee.primaryOfficeId,
        must_change_password: false,
        password_hash: await hashPassword('test'),
      })
      .where('username', '=', username)
      .execute();
    identity.tokens = await login(runtime, username);
  }
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Records in several states (created, declared, registered and printed, a death), a draft, a saved search and an
 * uploaded file, made through the API; every response goes into the dictionary so the fuzzer's ids are real ones.
 */
export async function fixtures(runtime: TestRuntime, dictionary: Dictionary): Promise<void> {
  const api = recordsClient(runtime);
  const agent = await login(runtime, 'f.katongo');
  const registrar = await login(runtime, 'k.mweene');
  const keep = (res: { statusCode: number; body: string; json(): unknown }) => {
    if (res.statusCode >= 300) throw new Error(`fixture: ${res.statusCode} ${res.body}`);
    harvest(dictionary, res.json());
    return res.json() as { id: string } & Record<string, unknown>;
  };
  keep(await api.create(agent, 'birth'));
  const declared = keep(await api.create(agent, 'birth'));
  keep(await api.act(agent, declared.id, 'DECLARE', { declaration: birthDeclaration() }));
  const registered = keep(await api.create(registrar, 'birth'));
  const record = keep(await api.act(registrar, registered.id, 'REGISTER', { declaration: birthDeclaration() }));
  keep(
    await api.call(registrar, 'POST', `/api/events/${registered.id}/actions/PRINT_CERTIFICATE`, {
      transactionId: 'fuzz-fixture-print',
      annotation: motherCollects(record as unknown as { declaration: Record<string, unknown> }, 5),
    }),
  );
  const death = keep(await api.create(registrar, 'death'));
  keep(await api.act(registrar, death.id, 'DECLARE', { declaration: deathDeclaration() }));
  keep(await api.call(agent, 'PUT', `/api/events/${declared.id}/draft`, { declaration: birthDeclaration() }));
  keep(await api.call(agent, 'POST', '/api/saved-searches', { name: 'fuzz', query: { type: 'quick', term: 'Banda' } }));
  keep(await api.call(registrar, 'GET', `/api/events/${registered.id}/certificates`));
  const upload = await runtime.app.inject({
    method: 'POST',
    url: '/api/files?filename=scan.png',
    headers: { ...bearer(agent), 'content-type': 'image/png' },
    payload: PNG,
  });
  keep(upload);
  for (const url of ['/api/users/me', '/api/workqueues', '/api/locations?limit=20', '/api/users']) {
    const res = await runtime.app.inject({ method: 'GET', url, headers: bearer(registrar) });
    if (res.statusCode === 200) harvest(dictionary, res.json());
  }
}
