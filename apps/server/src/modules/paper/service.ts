import { randomUUID } from 'node:crypto';
import {
  PaperEntryBody,
  type EventConfig,
  type PaperDifference,
  type PaperEntryResult,
  type PaperPageDetail,
  type PaperPageStatus,
  type PaperPageView,
  type PaperUploadQuery,
  type ScopeName,
} from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { grantsOf, requireScope } from '../access/index.ts';
import { matches } from '../access/rule.ts';
import { appendAudit } from '../audit/index.ts';
import type { AuthUser } from '../auth/types.ts';
import { loadFile, storeFile } from '../files/index.ts';
import { entryDifferences } from './differences.ts';
import { checkEntry, createPaperRecord } from './record.ts';
import * as repo from './repository.ts';
import { scanPages } from './split.ts';
import { toPageView, type EntryRow, type PageRow } from './tables.ts';

/**
 * Who types pages (record.transcribe: no record is made by one typist alone), who resolves two entries that differ
 * (record.register), and who uploads scans: an importer, or a registrar of the office. Typing needs no
 * record.import, which would also let the typist run a CSV import of REGISTERED records.
 */
export const TRANSCRIBE: ScopeName = 'record.transcribe';
export const RESOLVE: ScopeName = 'record.register';
export const UPLOAD: readonly ScopeName[] = ['record.import', RESOLVE];

const OPEN: PaperPageStatus[] = ['to-transcribe', 'in-progress', 'to-resolve'];

function eventConfig(ctx: AppContext, type: string): EventConfig {
  const config = ctx.country.events.get(type);
  if (!config) {
    throw badRequest(`unknown event type "${type}"`, [
      { field: 'type', message: `must be one of ${[...ctx.country.events.keys()].join(', ')}` },
    ]);
  }
  return config;
}

/** The scope over the page's office (its register's office: where its records are registered). */
function requireOverPage(ctx: AppContext, user: AuthUser, scope: ScopeName, page: PageRow) {
  requireScope(ctx.country, user, scope, page.event_type, { createdAtLocation: page.office_id, placeOfEvent: null });
}

/** One of the upload scopes for the event type and, when given, over the office (403 naming both otherwise). */
function requireUpload(ctx: AppContext, user: AuthUser, eventType: string, officeId?: string) {
  const grants = UPLOAD.flatMap((scope) => grantsOf(ctx.country, user, scope)).filter(
    (g) => !g.events || g.events.includes(eventType),
  );
  const names = UPLOAD.join(' or ');
  if (!grants.length) throw forbidden(`your role (${user.role}) does not have ${names} for ${eventType} records`);
  if (officeId && !matches(ctx.country, grants, { type: eventType, createdAtLocation: officeId, placeOfEvent: null })) {
    throw forbidden(`this office is outside your jurisdiction for ${names}`);
  }
}

function audit(
  trx: Db,
  user: AuthUser,
  pageId: string,
  action: string,
  details?: Record<string, unknown>,
  ip?: string,
) {
  return appendAudit(trx, {
    stream: `paper:${pageId}`,
    actorId: user.id,
    actorRole: user.role,
    action,
    subjectType: 'paper-page',
    subjectId: pageId,
    ip: ip ?? null,
    ...(details ? { details } : {}),
  });
}

const entryOf = (row: EntryRow): PaperEntryBody =>
  PaperEntryBody.parse({ declaration: row.declaration, registration: row.registration });

async function viewOf(db: Db, page: PageRow): Promise<PaperPageView> {
  const entries = await repo.entriesOf(db, [page.id]);
  return toPageView(
    page,
    entries.filter((e) => e.kind === 'entry').map((e) => e.user_id),
  );
}

/** Next page label: "12" is followed by "13"; a label that is not a number gets "-2", "-3"... */
function labelAt(first: string | undefined, i: number): string | null {
  if (!first) return null;
  if (i === 0) return first;
  return /^\d+$/.test(first) ? String(Number(first) + i) : `${first}-${i + 1}`;
}

/**
 * Upload scans of a register: one image, or a PDF split into its pages. Each page is stored (content-addressed) and
 * queued for transcription at the register's office, which must be within the uploader's reach (record.import, or
 * record.register: a registrar brings in the registers of their office).
 */
export async function uploadPages(
  ctx: AppContext,
  user: AuthUser,
  query: PaperUploadQuery,
  upload: { data: Buffer; contentType: string; ip?: string },
): Promise<PaperPageView[]> {
  const config = eventConfig(ctx, query.type);
  requireUpload(ctx, user, config.id);
  const officeId = query.office ?? user.primaryOfficeId;
  if (ctx.country.locations.get(officeId)?.type !== 'CRVS_OFFICE') {
    throw badRequest(`"${officeId}" is not a registration office`, [
      { field: 'office', message: 'must be the id of a CRVS office' },
    ]);
  }
  requireUpload(ctx, user, config.id, officeId);
  const pages = await scanPages(upload.data, upload.contentType);
  const batchId = randomUUID();
  const now = new Date();
  const doubleEntry = query.doubleEntry !== 'false';
  const rows: PageRow[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    for (const [i, page] of pages.entries()) {
      const fileId = await storeFile(trx, { data: page.data, contentType: page.contentType, createdBy: user.id });
      rows.push({
        id: randomUUID(),
        file_id: fileId,
        content_type: page.contentType,
        event_type: config.id,
        office_id: officeId,
        register_name: query.register?.trim() || null,
        volume: query.volume?.trim() || null,
        page_label: labelAt(query.page?.trim(), i),
        batch_id: batchId,
        batch_position: i + 1,
        double_entry: doubleEntry,
        status: 'to-transcribe',
        assigned_to: null,
        uploaded_by: user.id,
        uploaded_at: now,
        updated_at: now,
        event_id: null,
      });
    }
    await repo.insertPages(trx, rows);
    for (const row of rows) {
      await audit(
        trx,
        user,
        row.id,
        'paper.UPLOAD',
        {
          batchId,
          fileId: row.file_id,
          type: row.content_type,
          eventType: config.id,
          office: officeId,
          ...(query.filename ? { originalFilename: query.filename } : {}),
        },
        upload.ip,
      );
    }
  });
  return rows.map((r) => toPageView(r, []));
}

/** Whether one of the user's grants of `scope` reaches the page's office. */
function reachesPage(ctx: AppContext, user: AuthUser, scope: ScopeName, page: PageRow): boolean {
  const grants = grantsOf(ctx.country, user, scope);
  return matches(ctx.country, grants, { type: page.event_type, createdAtLocation: page.office_id, placeOfEvent: null });
}

/** Whether the user may work on the page as it stands: type it (record.transcribe), or resolve it (record.register). */
const mayWorkOn = (ctx: AppContext, user: AuthUser, page: PageRow) =>
  reachesPage(ctx, user, page.status === 'to-resolve' ? RESOLVE : TRANSCRIBE, page);

/**
 * The "Scanned pages to transcribe" workqueue: pages of the caller's jurisdiction not transcribed yet, which they
 * may take (typing for record.transcribe, resolving for record.register), oldest first. A page already typed by the
 * caller waits for someone else and is not theirs to take.
 */
export async function pageQueue(
  ctx: AppContext,
  user: AuthUser,
  options: { limit: number; offset: number },
): Promise<{ results: PaperPageView[]; total: number }> {
  if (!user.scopes.some((s) => s.name === TRANSCRIBE || UPLOAD.includes(s.name))) {
    throw forbidden(`your role (${user.role}) does not transcribe paper registers (${TRANSCRIBE})`);
  }
  const rows = (await repo.pagesWith(ctx.db, OPEN, null)).filter((p) => mayWorkOn(ctx, user, p));
  const entries = await repo.entriesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const typedBy = new Map<string, string[]>();
  for (const e of entries)
    if (e.kind === 'entry') typedBy.set(e.page_id, [...(typedBy.get(e.page_id) ?? []), e.user_id]);
  const open = rows.filter((r) => r.status === 'to-resolve' || !(typedBy.get(r.id) ?? []).includes(user.id));
  return {
    total: open.length,
    results: open
      .slice(options.offset, options.offset + options.limit)
      .map((r) => toPageView(r, typedBy.get(r.id) ?? [])),
  };
}

async function mustRead(db: Db, id: string): Promise<PageRow> {
  const page = await repo.readPage(db, id);
  if (!page) throw notFound(`no scanned page ${id}`);
  return page;
}

/** Whoever may type, resolve or upload pages of its office sees a page (and its scan). */
function requireSee(ctx: AppContext, user: AuthUser, page: PageRow) {
  if (![TRANSCRIBE, ...UPLOAD].some((scope) => reachesPage(ctx, user, scope, page))) {
    requireOverPage(ctx, user, TRANSCRIBE, page);
  }
}

/**
 * A page, and for a registrar when two entries differ, both entries and their differences. A typist never sees
 * another's entry: the second entry must be typed from the scan alone, or double entry proves nothing.
 */
export async function pageDetail(ctx: AppContext, user: AuthUser, id: string): Promise<PaperPageDetail> {
  const page = await mustRead(ctx.db, id);
  requireSee(ctx, user, page);
  const entries = (await repo.entriesOf(ctx.db, [id])).filter((e) => e.kind === 'entry');
  const view = toPageView(
    page,
    entries.map((e) => e.user_id),
  );
  const resolver = page.status === 'to-resolve' && reachesPage(ctx, user, RESOLVE, page);
  if (!resolver || entries.length < 2) return { ...view, entries: [], differences: [] };
  const [first, second] = entries.map(entryOf);
  // The entries are personal data: a registrar's reading them is logged.
  await ctx.db.transaction().execute((trx) => audit(trx, user, id, 'paper.ENTRIES_READ'));
  return {
    ...view,
    entries: entries.map((e) => ({ userId: e.user_id, ...entryOf(e) })),
    differences: entryDifferences(first, second),
  };
}

/** The scan of a page (personal data: every read is logged). */
export async function pageScan(ctx: AppContext, user: AuthUser, id: string, ip?: string) {
  const page = await mustRead(ctx.db, id);
  requireSee(ctx, user, page);
  const file = await loadFile(ctx.db, page.file_id);
  if (!file) throw notFound(`the scan of page ${id} is missing`);
  await ctx.db.transaction().execute((trx) => audit(trx, user, id, 'paper.SCAN_READ', { fileId: page.file_id }, ip));
  return file;
}

/** Take a page (whoever opens it): others see it taken. A page someone else holds is refused with their id. */
export async function assignPage(ctx: AppContext, user: AuthUser, id: string): Promise<PaperPageView> {
  return ctx.db.transaction().execute(async (trx) => {
    const page = await repo.lockPage(trx, id);
    if (!page) throw notFound(`no scanned page ${id}`);
    requireOverPage(ctx, user, page.status === 'to-resolve' ? RESOLVE : TRANSCRIBE, page);
    if (page.status === 'transcribed') throw conflict(`page ${id} is already transcribed`);
    if (page.assigned_to === user.id) return viewOf(trx, page);
    if (page.assigned_to)
      throw conflict(`page ${id} is taken by ${page.assigned_to}: ask them, or a registrar, to release it`);
    await repo.updatePage(trx, id, { assigned_to: user.id });
    await audit(trx, user, id, 'paper.ASSIGN');
    return viewOf(trx, { ...page, assigned_to: user.id });
  });
}

/** Release a page: its holder, or a registrar over its office (someone went home with it open). */
export async function unassignPage(ctx: AppContext, user: AuthUser, id: string): Promise<PaperPageView> {
  return ctx.db.transaction().execute(async (trx) => {
    const page = await repo.lockPage(trx, id);
    if (!page) throw notFound(`no scanned page ${id}`);
    if (page.assigned_to !== user.id) requireOverPage(ctx, user, RESOLVE, page);
    if (!page.assigned_to) return viewOf(trx, page);
    await repo.updatePage(trx, id, { assigned_to: null });
    await audit(trx, user, id, 'paper.UNASSIGN', { was: page.assigned_to });
    return viewOf(trx, { ...page, assigned_to: null });
  });
}

/** The page must be the caller's: taken now if free, refused if someone else holds it. */
async function holdPage(trx: Db, user: AuthUser, page: PageRow) {
  if (page.assigned_to && page.assigned_to !== user.id) {
    throw conflict(`page ${page.id} is taken by ${page.assigned_to}`);
  }
  if (!page.assigned_to) await audit(trx, user, page.id, 'paper.ASSIGN');
}

/**
 * One person's transcription of a page. With double entry, the first entry waits for a second by someone else;
 * the second either agrees (the record is made at once) or differs (a registrar resolves). Without it, the entry
 * makes the record. Every step is audited in the same transaction as the change.
 */
export async function submitEntry(
  ctx: AppContext,
  user: AuthUser,
  id: string,
  body: PaperEntryBody,
): Promise<PaperEntryResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const page = await repo.lockPage(trx, id);
    if (!page) throw notFound(`no scanned page ${id}`);
    requireOverPage(ctx, user, TRANSCRIBE, page);
    if (page.status === 'transcribed') throw conflict(`page ${id} is already transcribed (record ${page.event_id})`);
    if (page.status === 'to-resolve') {
      throw conflict(`the two entries of page ${id} differ: a registrar resolves them (POST .../resolve)`);
    }
    await holdPage(trx, user, page);
    const config = eventConfig(ctx, page.event_type);
    const checked = checkEntry(ctx, user, TRANSCRIBE, config, page, body);
    const earlier = (await repo.entriesOf(trx, [id])).filter((e) => e.kind === 'entry');
    if (earlier.some((e) => e.user_id === user.id)) {
      throw forbidden(
        'double entry: the second entry of a page must be typed by someone other than the first; you typed the first',
      );
    }
    await repo.insertEntry(trx, { id: randomUUID(), pageId: id, kind: 'entry', userId: user.id, ...body });
    await audit(trx, user, id, 'paper.ENTRY', { entry: earlier.length + 1 });
    const enteredBy = [...earlier.map((e) => e.user_id), user.id];
    if (page.double_entry && earlier.length === 0) {
      // Released for someone else to type it again, blind.
      await repo.updatePage(trx, id, { status: 'in-progress', assigned_to: null });
      const next = { ...page, status: 'in-progress', assigned_to: null };
      return { page: toPageView(next, enteredBy), differences: [], eventId: null };
    }
    const differences: PaperDifference[] = earlier.length ? entryDifferences(entryOf(earlier[0]), body) : [];
    if (differences.length) {
      await repo.updatePage(trx, id, { status: 'to-resolve', assigned_to: null });
      await audit(trx, user, id, 'paper.DIFFER', { fields: differences.map((d) => d.field) });
      const next = { ...page, status: 'to-resolve', assigned_to: null };
      return { page: toPageView(next, enteredBy), differences, eventId: null };
    }
    const eventId = await finish(trx, ctx, user, config, page, checked, 'paper.TRANSCRIBED');
    return {
      page: toPageView({ ...page, status: 'transcribed', assigned_to: null, event_id: eventId }, enteredBy),
      differences: [],
      eventId,
    };
  });
}

async function finish(
  trx: Db,
  ctx: AppContext,
  user: AuthUser,
  config: EventConfig,
  page: PageRow,
  checked: ReturnType<typeof checkEntry>,
  action: string,
): Promise<string> {
  const eventId = await createPaperRecord(trx, ctx, user, config, page, checked);
  await repo.updatePage(trx, page.id, { status: 'transcribed', assigned_to: null, event_id: eventId });
  await audit(trx, user, page.id, action, { eventId, registrationNumber: checked.registration.number });
  return eventId;
}

/**
 * A registrar settles two entries that differ: the body is the entry as it should be (picked field by field from
 * the two, or corrected from the scan), and the record is made from it. The resolver is a third person.
 */
export async function resolvePage(
  ctx: AppContext,
  user: AuthUser,
  id: string,
  body: PaperEntryBody,
): Promise<PaperEntryResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const page = await repo.lockPage(trx, id);
    if (!page) throw notFound(`no scanned page ${id}`);
    requireOverPage(ctx, user, RESOLVE, page);
    if (page.status !== 'to-resolve') {
      throw conflict(`page ${id} has no differing entries to resolve (it is ${page.status})`);
    }
    await holdPage(trx, user, page);
    const entries = (await repo.entriesOf(trx, [id])).filter((e) => e.kind === 'entry');
    if (entries.some((e) => e.user_id === user.id)) {
      throw forbidden('double entry: the entries are resolved by a third person, not by one of the two who typed them');
    }
    const config = eventConfig(ctx, page.event_type);
    const checked = checkEntry(ctx, user, RESOLVE, config, page, body);
    await repo.insertEntry(trx, { id: randomUUID(), pageId: id, kind: 'resolution', userId: user.id, ...body });
    const eventId = await finish(trx, ctx, user, config, page, checked, 'paper.RESOLVE');
    const view = toPageView(
      { ...page, status: 'transcribed', assigned_to: null, event_id: eventId },
      entries.map((e) => e.user_id),
    );
    return { page: view, differences: [], eventId };
  });
}
