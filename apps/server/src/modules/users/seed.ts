import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { hashPassword } from './passwords.ts';
import { insertUsersIfAbsent } from './repository.ts';

/** The password of every demo user. Demo mode only: production seeds no users (see `lifeline init`). */
export const DEMO_PASSWORD = 'test';

/** Create the country's employees as demo users with password "test"; existing usernames are left alone. */
export async function seedDemoUsers(ctx: Pick<AppContext, 'db' | 'country'>): Promise<number> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = new Date();
  return insertUsersIfAbsent(
    ctx.db,
    ctx.country.config.employees.map((e) => ({
      id: randomUUID(),
      username: e.username,
      firstname: e.firstname,
      surname: e.surname,
      role: e.role,
      primary_office_id: e.primaryOfficeId,
      mobile: e.mobile ?? null,
      // Example addresses (RFC 2606: they reach nobody), so demo staff look like real ones.
      email: e.email ?? `${e.username}@example.com`,
      status: 'active',
      password_hash: passwordHash,
      must_change_password: false,
      failed_logins: 0,
      locked_until: null,
      created_at: now,
      onboarded_at: now,
    })),
  );
}
