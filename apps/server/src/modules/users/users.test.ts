import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../lib/errors.ts';
import { bearer, login, startTestRuntime, type TestRuntime } from '../../test/harness.ts';
import { verifyPassword } from './passwords.ts';
import { findUserByUsername } from './repository.ts';
import { changePassword, createUser, type NewUser } from './service.ts';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(async () => {
  await runtime?.close();
});

const newUser = (overrides: Partial<NewUser> = {}): NewUser => ({
  username: 'n.banda',
  firstname: 'Nkandu',
  surname: 'Banda',
  role: 'REGISTRATION_AGENT',
  primaryOfficeId: 'LHUYvwY2Aq1',
  password: 'Abcdefghijk1',
  ...overrides,
});

async function httpError(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe('createUser', () => {
  it('refuses passwords that break the policy, naming each rule, and creates nothing', async () => {
    for (const password of ['Short1a', 'Abcdefghijkl', 'abcdefghijk1']) {
      const error = await httpError(createUser(runtime.ctx, newUser({ username: 'weak.user', password })));
      expect(error.status).toBe(400);
      expect(error.errors?.every((e) => e.field === 'password')).toBe(true);
    }
    expect(await findUserByUsername(runtime.ctx.db, 'weak.user')).toBeUndefined();
  });

  it('creates a user who can log in, and audits it', async () => {
    const user = await createUser(runtime.ctx, newUser(), { id: 'e1b1c1d1-0000-4000-8000-000000000000', role: 'X' });
    expect(user).toMatchObject({ username: 'n.banda', name: 'Nkandu Banda', mustChangePassword: false });
    await expect(login(runtime, 'n.banda', 'Abcdefghijk1')).resolves.toHaveProperty('accessToken');
    const audit = await runtime.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('stream', '=', `user:${user.id}`)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ action: 'user.created', actor_id: 'e1b1c1d1-0000-4000-8000-000000000000' });
  });

  it('refuses a taken username, an unknown role and an office that is not an office', async () => {
    expect((await httpError(createUser(runtime.ctx, newUser()))).status).toBe(409);
    const error = await httpError(
      createUser(runtime.ctx, newUser({ username: 'x.y', role: 'NO_SUCH_ROLE', primaryOfficeId: 'nowhere' })),
    );
    expect(error.errors?.map((e) => e.field)).toEqual(['role', 'primaryOfficeId']);
  });
});

describe('changePassword', () => {
  it('checks the current password and the policy before changing anything', async () => {
    const { id } = (await findUserByUsername(runtime.ctx.db, 'k.mweene'))!;
    const wrong = await httpError(
      changePassword(runtime.ctx, id, { currentPassword: 'nope', newPassword: 'Abcdefghijk1' }),
    );
    expect(wrong.errors).toEqual([{ field: 'currentPassword', message: 'is wrong' }]);
    const weak = await httpError(changePassword(runtime.ctx, id, { currentPassword: 'test', newPassword: 'abc' }));
    expect(weak.errors?.every((e) => e.field === 'newPassword')).toBe(true);
    const row = (await findUserByUsername(runtime.ctx.db, 'k.mweene'))!;
    expect(await verifyPassword(row.password_hash, 'test')).toBe(true);

    await changePassword(runtime.ctx, id, { currentPassword: 'test', newPassword: 'Abcdefghijk1' });
    const changed = (await findUserByUsername(runtime.ctx.db, 'k.mweene'))!;
    expect(await verifyPassword(changed.password_hash, 'Abcdefghijk1')).toBe(true);
    expect(await verifyPassword(changed.password_hash, 'test')).toBe(false);
  });
});

describe('staff lookup', () => {
  it('gives names, roles and offices by id, without contact details, to signed-in users only', async () => {
    const runtime = await startTestRuntime();
    try {
      const tokens = await login(runtime, 'f.katongo');
      const rows = await runtime.ctx.db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('username', 'in', ['k.mweene', 'k.bwalya'])
        .execute();
      const url = `/api/users?ids=${rows.map((r) => r.id).join(',')}`;
      const res = await runtime.app.inject({ method: 'GET', url, headers: bearer(tokens) });
      expect(res.statusCode, res.body).toBe(200);
      const staff = res.json() as Array<Record<string, unknown>>;
      expect(staff.map((s) => s.username).sort()).toEqual(['k.bwalya', 'k.mweene']);
      expect(staff.find((s) => s.username === 'k.mweene')).toMatchObject({
        role: 'LOCAL_REGISTRAR',
        primaryOfficeId: 'xmJJAsGfSTn',
      });
      expect(Object.keys(staff[0])).not.toContain('mobile');
      expect((await runtime.app.inject({ method: 'GET', url })).statusCode).toBe(401);
      expect(
        (await runtime.app.inject({ method: 'GET', url: '/api/users?ids=nope', headers: bearer(tokens) })).statusCode,
      ).toBe(400);
    } finally {
      await runtime.close();
    }
  });
});
