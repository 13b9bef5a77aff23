import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { linkDeclarationFiles } from '../files/index.ts';
import type { AuthUser } from '../auth/types.ts';
import * as repo from './repository.ts';
import { requireReadAccess } from './steps.ts';

/** Drafts are private to their user and never part of the record until submitted with an action. */
async function checkAccess(ctx: AppContext, user: AuthUser, eventId: string) {
  const row = await repo.readIndex(ctx.db, eventId);
  if (!row) throw notFound(`no record ${eventId}`);
  requireReadAccess(
    ctx,
    user,
    { type: row.type, createdBy: row.created_by, status: row.status },
    {
      createdAtLocation: row.created_at_location,
      placeOfEvent: row.place_of_event,
    },
  );
}

const toDraft = (row: {
  event_id: string;
  declaration: Record<string, unknown> | string;
  annotation: Record<string, unknown> | string | null;
  updated_at: Date | string;
}) => ({
  eventId: row.event_id,
  declaration: (typeof row.declaration === 'string' ? JSON.parse(row.declaration) : row.declaration) as Record<
    string,
    unknown
  >,
  annotation: (typeof row.annotation === 'string' ? JSON.parse(row.annotation) : row.annotation) as Record<
    string,
    unknown
  > | null,
  updatedAt: new Date(row.updated_at).toISOString(),
});

export async function getDraft(ctx: AppContext, user: AuthUser, eventId: string) {
  await checkAccess(ctx, user, eventId);
  const row = await repo.readDraft(ctx.db, eventId, user.id);
  return row ? toDraft(row) : null;
}

export async function putDraft(
  ctx: AppContext,
  user: AuthUser,
  eventId: string,
  body: { declaration: Record<string, unknown>; annotation?: Record<string, unknown> },
) {
  await checkAccess(ctx, user, eventId);
  const saved = await ctx.db.transaction().execute(async (trx) => {
    await linkDeclarationFiles(trx, ctx, user, { eventId, draft: true }, [body.declaration, body.annotation]);
    return repo.saveDraft(trx, {
      eventId,
      userId: user.id,
      declaration: body.declaration,
      annotation: body.annotation ?? null,
    });
  });
  return toDraft(saved);
}

export async function deleteDraft(ctx: AppContext, user: AuthUser, eventId: string) {
  await checkAccess(ctx, user, eventId);
  await repo.deleteDrafts(ctx.db, eventId, user.id);
}
