import { NewUserInput, StatusChangeInput, UserDetails, UserPage, UserStatus, UserUpdateInput } from '@lifeline/domain';
import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { problems } from '../../lib/problem-schema.ts';
import { grantableRoles } from './access.ts';
import { getUser, listUsers } from './directory.ts';
import {
  createStaff,
  deactivateStaff,
  reactivateStaff,
  resendInvitation,
  resetSecondFactor,
  resetStaffPassword,
  unlockStaff,
  updateStaff,
} from './manage.ts';
import { changePassword, findStaff, getProfile } from './service.ts';
import { completeOnboarding, readSignature, saveMySignature, SIGNATURE_MAX_BYTES } from './signature.ts';

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
  language: z.string(),
  onboarded: z.boolean().describe('false until the welcome (signature for signers, tour) is done'),
  hasSignature: z.boolean(),
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

const UserQuery = z.object({
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
    .optional()
    .describe('comma-separated user ids, at most 100: names, roles and offices of those staff (any signed-in user)'),
  officeId: z.string().min(1).max(64).optional().describe('staff of this office'),
  role: z.string().min(1).max(64).optional(),
  status: UserStatus.optional(),
  q: z.string().trim().min(1).max(100).optional().describe('words of a name, username, email or phone number'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const UserParams = z.object({ id: z.uuid() });
const tags = ['users'];

export async function userRoutes(app: ApiApp, ctx: AppContext): Promise<void> {
  const auth = { onRequest: [app.authenticate] };

  app.get(
    '/api/users',
    {
      ...auth,
      schema: {
        operationId: 'listUsers',
        tags,
        summary: 'Staff: search by office, role, status and name (user.read), or look up names by id',
        description:
          'Without `ids`: a page of the staff in your jurisdiction (user.read or user.search), with contact details, ' +
          'status and last login; the listing is audited. With `ids`: an array of names, roles and offices of those ' +
          'staff or integration clients (who did each action of a record), for any signed-in user.',
        querystring: UserQuery,
        response: { 200: z.union([z.array(StaffMember), UserPage]), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const { ids, ...search } = request.query;
      if (ids) return findStaff(ctx, ids);
      return listUsers(ctx, request.user, search);
    },
  );

  app.post(
    '/api/users',
    {
      ...auth,
      schema: {
        operationId: 'createUser',
        tags,
        summary: 'Create a member of staff and send them an invitation (link and code, valid 72 hours)',
        description:
          'Needs user.create over the office. The username is made from the names (first initial, ".", surname; ' +
          'a number when taken). You can only give a role whose privileged scopes you hold yourself and whose ' +
          'reach is within yours.',
        body: NewUserInput,
        response: { 201: UserDetails, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await createStaff(ctx, request.user, request.body)),
  );

  app.get(
    '/api/users/roles',
    {
      ...auth,
      schema: {
        operationId: 'listGrantableRoles',
        tags,
        summary: 'The roles you may give to new staff (user.create) and to existing staff (user.edit)',
        response: {
          200: z.object({ create: z.array(z.string()), edit: z.array(z.string()) }),
          ...problems(401),
        },
      },
    },
    async (request) => ({
      create: grantableRoles(ctx.country, request.user, 'user.create'),
      edit: grantableRoles(ctx.country, request.user, 'user.edit'),
    }),
  );

  app.get(
    '/api/users/me',
    {
      ...auth,
      config: { duringPasswordChange: true },
      schema: {
        operationId: 'getMyProfile',
        tags,
        summary: 'The signed-in user',
        response: { 200: Profile, ...problems(401) },
      },
    },
    async (request) => getProfile(ctx, request.user.id),
  );

  app.post(
    '/api/users/me/password',
    {
      ...auth,
      config: { duringPasswordChange: true },
      schema: {
        operationId: 'changeMyPassword',
        tags,
        summary: 'Change my password (at least 12 characters with an uppercase letter, a lowercase letter and a digit)',
        body: ChangePasswordBody,
        response: { 204: z.null().describe('password changed'), ...problems(400, 401, 409) },
      },
    },
    async (request, reply) => {
      await changePassword(ctx, request.user, request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/users/me/onboarded',
    {
      ...auth,
      schema: {
        operationId: 'completeMyOnboarding',
        tags,
        summary: 'Mark the welcome (signature, tour) as done',
        response: { 204: z.null(), ...problems(401) },
      },
    },
    async (request, reply) => {
      await completeOnboarding(ctx, request.user);
      return reply.code(204).send(null);
    },
  );

  await app.register(async (scope: ApiApp) => {
    scope.addContentTypeParser('image/png', { parseAs: 'buffer', bodyLimit: SIGNATURE_MAX_BYTES }, (_r, body, done) =>
      done(null, body),
    );
    scope.put(
      '/api/users/me/signature',
      {
        ...auth,
        bodyLimit: SIGNATURE_MAX_BYTES,
        schema: {
          operationId: 'saveMySignature',
          tags,
          summary: 'Save my electronic signature: a PNG (drawn or scanned) as the raw body; printed on certificates',
          description:
            'Needs profile.electronic-signature. Certificates of records registered from now on print this signature.',
          response: { 200: z.object({ fileId: z.string() }), ...problems(401, 403, 413, 415) },
        },
      },
      async (request) =>
        saveMySignature(
          ctx,
          request.user,
          request.body as Buffer,
          (request.headers['content-type'] ?? '').split(';')[0].trim(),
        ),
    );
  });

  app.get(
    '/api/users/:id',
    {
      ...auth,
      schema: {
        operationId: 'getUser',
        tags,
        summary: 'A member of staff (yourself, or anyone in your user.read jurisdiction); audited',
        params: UserParams,
        response: { 200: UserDetails, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getUser(ctx, request.user, request.params.id),
  );

  app.get(
    '/api/users/:id/signature',
    {
      ...auth,
      schema: {
        operationId: 'getUserSignature',
        tags,
        summary: "A user's electronic signature (PNG); 404 when they have none",
        params: UserParams,
      },
    },
    async (request, reply) => {
      const file = await readSignature(ctx, request.user, request.params.id);
      return reply
        .header('content-type', file.contentType)
        .header('cache-control', 'private, no-cache')
        .send(file.data);
    },
  );

  app.patch(
    '/api/users/:id',
    {
      ...auth,
      schema: {
        operationId: 'updateUser',
        tags,
        summary: 'Change names, contact details, role or office (user.edit); a new role or office ends their sessions',
        params: UserParams,
        body: UserUpdateInput,
        response: { 200: UserDetails, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => updateStaff(ctx, request.user, request.params.id, request.body),
  );

  const action = (
    path: string,
    operationId: string,
    summary: string,
    run: (actor: Parameters<typeof unlockStaff>[1], id: string, reason: string) => Promise<UserDetails>,
    withReason = false,
  ) =>
    app.post(
      `/api/users/:id/${path}`,
      {
        ...auth,
        schema: {
          operationId,
          tags,
          summary,
          params: UserParams,
          ...(withReason ? { body: StatusChangeInput } : {}),
          response: { 200: UserDetails, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        run(request.user, request.params.id, (request.body as { reason?: string } | undefined)?.reason ?? ''),
    );

  action(
    'deactivate',
    'deactivateUser',
    'Deactivate (with a reason): they cannot log in, their sessions end at once',
    (actor, id, reason) => deactivateStaff(ctx, actor, id, reason),
    true,
  );
  action(
    'reactivate',
    'reactivateUser',
    'Reactivate a deactivated user (with a reason)',
    (actor, id, reason) => reactivateStaff(ctx, actor, id, reason),
    true,
  );
  action('unlock', 'unlockUser', 'Unlock after too many wrong passwords', (actor, id) => unlockStaff(ctx, actor, id));
  action(
    'reset-password',
    'resetUserPassword',
    'Reset the password: the old one stops working, sessions end, a link and code (24 h) are sent',
    (actor, id) => resetStaffPassword(ctx, actor, id),
  );
  action(
    'resend-invitation',
    'resendUserInvitation',
    'Send a new invitation to a user who has not activated (the previous one stops working)',
    (actor, id) => resendInvitation(ctx, actor, id),
  );
  action(
    'reset-second-factor',
    'resetUserSecondFactor',
    'Reset the second factor: every session and every login waiting for a code ends',
    (actor, id) => resetSecondFactor(ctx, actor, id),
  );
}
