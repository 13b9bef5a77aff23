import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { changePassword, findStaff, getProfile } from './service.ts';

const Profile = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  firstname: z.string(),
  surname: z.string(),
  role: z.string(),
  primaryOfficeId: z.string(),
  mustChangePassword: z.boolean().describe('the user must choose a new password before working'),
  scopes: z.array(z.string()).describe("the role's scopes, e.g. record.register[event=birth,jurisdiction=area]"),
});

// The policy is checked in the service (and reported per rule), so the schema only bounds the size.
const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});

const StaffMember = z.object({
  id: z.string(),
  username: z.string(),
  firstname: z.string(),
  surname: z.string(),
  role: z.string(),
  primaryOfficeId: z.string(),
});

export function userRoutes(app: ApiApp, ctx: AppContext) {
  app.get(
    '/api/users',
    {
      onRequest: [app.authenticate],
      schema: {
        tags: ['users'],
        summary: 'Names, roles and offices of staff by id (e.g. who did each action of a record)',
        querystring: z.object({
          ids: z
            .string()
            .min(1)
            .transform((s) => [
              ...new Set(
                s
                  .split(',')
                  .map((id) => id.trim())
                  .filter(Boolean),
              ),
            ])
            .pipe(z.array(z.uuid()).min(1).max(100))
            .describe('comma-separated user ids, at most 100'),
        }),
        response: { 200: z.array(StaffMember) },
      },
    },
    async (request) => findStaff(ctx, request.query.ids),
  );

  app.get(
    '/api/users/me',
    {
      onRequest: [app.authenticate],
      config: { duringPasswordChange: true },
      schema: { tags: ['users'], summary: 'The signed-in user', response: { 200: Profile } },
    },
    async (request) => getProfile(ctx, request.user.id),
  );

  app.post(
    '/api/users/me/password',
    {
      onRequest: [app.authenticate],
      config: { duringPasswordChange: true },
      schema: {
        tags: ['users'],
        summary: 'Change my password (at least 12 characters with an uppercase letter, a lowercase letter and a digit)',
        body: ChangePasswordBody,
        response: { 204: z.null().describe('password changed') },
      },
    },
    async (request, reply) => {
      await changePassword(ctx, request.user, request.body);
      return reply.code(204).send(null);
    },
  );
}
