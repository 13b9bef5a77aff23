import { z } from 'zod';
import { ScopeString } from './scopes.ts';
import { Text } from './text.ts';

export const Role = z.object({
  id: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'role ids are UPPER_SNAKE_CASE'),
  label: Text,
  scopes: z.array(ScopeString),
});
export type Role = z.infer<typeof Role>;

/** A member of staff seeded from the country config (demo data; production users are created by admins). */
export const Employee = z.object({
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'usernames are lowercase letters, digits, . _ -'),
  firstname: z.string().min(1),
  surname: z.string().min(1),
  role: z.string().min(1),
  primaryOfficeId: z.string().min(1),
  mobile: z.string().optional(),
  email: z.string().email().optional(),
});
export type Employee = z.infer<typeof Employee>;
