import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { createUser } from '../../modules/users/service.ts';
import { TOKEN_ALGORITHM } from '../../modules/auth/keys.ts';
import { ACCESS_TOKEN_SECONDS, TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../modules/auth/tokens.ts';
import { birthDeclaration } from '../declarations.ts';
import { bearer, login, seedFixtureFiles, type TestRuntime, type Tokens } from '../harness.ts';
import type { Actor, RecordPlace, ScopesTable } from './oracle.ts';

/** A registered record prepared for the matrix, with a document and a printed certificate. */
export interface PreparedRecord extends RecordPlace {
  id: string;
  filePath: string;
  certificateId: string;
  trackingId: string;
}

export interface RoleUser extends Actor {
  username: string;
  tokens: Tokens;
  /** A record declared at this user's office by someone else: inside every jurisdiction of the user. */
  inRecord: PreparedRecord;
  /** An unfinished upload this user started, when their role may attach documents. */
  uploadId: string | null;
}

/** Who and what an operation on staff or uploads acts on, for one cell. */
export interface Target {
  /** A member of staff of a role with no privileged scope, and their office. */
  userId: string;
  officeId: string;
  role: string;
  /** An unfinished upload, and the user who started it. */
  uploadId: string;
  uploader: string;
}

export interface World {
  users: RoleUser[];
  /** A record declared, and whose event happened, in a province where none of the users works. */
  outRecord: PreparedRecord;
  /** Tokens that must open nothing, and one of a user who must change their password first. */
  tokens: { garbage: string; expired: string; ended: string; mustChange: string };
  /** Another record like this one (same office, same place of event), for a cell that changes its record. */
  copy(record: PreparedRecord): Promise<PreparedRecord>;
  /**
   * The target of a cell: staff at the user's office and the user's own upload (`in`), or staff at the far office
   * and someone else's upload (`out`); with `fresh`, a member of staff nobody else acts on.
   */
  target(user: RoleUser | null, which: 'in' | 'out', fresh?: Fresh): Promise<Target>;
}

/** A target of its own: active, invited but not yet activated, or deactivated. */
export type Fresh = boolean | 'pending' | 'deactivated';

const HELPER_PASSWORD = 'Matrix-Helper-2025';

/**
 * One user per role of the country config (its first employee of that role), a helper registrar at each of
 * their offices who declares, registers and prints the user's "in" record, and an "out" record far away.
 */
export async function prepareWorld(runtime: TestRuntime, table: ScopesTable): Promise<World> {
  const { config, locations } = runtime.ctx.country;
  const registrarRole = config.roles.find(
    (r) =>
      table.holds(r.id, 'record.register', 'birth') &&
      table.holds(r.id, 'record.print-certified-copies', 'birth') &&
      table.holds(r.id, 'record.create', 'birth'),
  )!.id;
  const helpers = new Map<string, { tokens: Tokens; userId: string }>();
  const helperAt = async (officeId: string) => {
    let helper = helpers.get(officeId);
    if (!helper) {
      const username = `matrix.helper.${helpers.size + 1}`;
      const created = await createUser(runtime.ctx, {
        username,
        firstname: 'Matrix',
        surname: 'Helper',
        role: registrarRole,
        primaryOfficeId: officeId,
        password: HELPER_PASSWORD,
      });
      await seedFixtureFiles(runtime); // the fixture declaration's documents, as if this helper had uploaded them
      helper = { tokens: await login(runtime, username, HELPER_PASSWORD), userId: created.id };
      helpers.set(officeId, helper);
    }
    return helper;
  };

  const record = async (officeId: string, placeOfEvent: string, print = true): Promise<PreparedRecord> => {
    const helper = await helperAt(officeId);
    const filePath = await upload(runtime, helper.tokens);
    const declaration = birthDeclaration({
      'child.birthLocation': placeOfEvent,
      'documents.proofOfBirth': { path: filePath, originalFilename: 'proof.pdf', type: 'application/pdf' },
    });
    const created = await call(runtime, helper.tokens, 'POST', '/api/events', {
      type: 'birth',
      transactionId: randomUUID(),
    });
    const id = created.json().id;
    const registered = await call(runtime, helper.tokens, 'POST', `/api/events/${id}/actions/REGISTER`, {
      transactionId: randomUUID(),
      declaration,
    });
    if (registered.statusCode !== 200) throw new Error(`matrix record: ${registered.body}`);
    const prepared = {
      id,
      type: 'birth',
      createdBy: helper.userId,
      createdAtLocation: officeId,
      placeOfEvent,
      filePath,
      certificateId: '',
      trackingId: registered.json().trackingId,
    };
    if (!print) return prepared;
    const quote = (await call(runtime, helper.tokens, 'GET', `/api/events/${id}/certificates`)).json();
    const printed = await call(runtime, helper.tokens, 'POST', `/api/events/${id}/actions/PRINT_CERTIFICATE`, {
      transactionId: randomUUID(),
      annotation: {
        collector: { type: 'MOTHER', idType: 'NATIONAL_ID', idNumber: declaration['mother.nid'] },
        identityVerified: true,
        payment: { amount: quote.next.fee.amount, currency: quote.next.fee.currency, method: 'CASH' },
      },
    });
    if (printed.statusCode !== 200) throw new Error(`matrix certificate: ${printed.body}`);
    return { ...prepared, certificateId: printed.json().certificate.id };
  };

  const facilityIn = (areaId: string | null) =>
    config.locations.find((l) => l.type === 'HEALTH_FACILITY' && (!areaId || locations.isWithin(l.id, areaId)))!.id;

  const users: RoleUser[] = [];
  for (const role of config.roles) {
    const employee = config.employees.find((e) => e.role === role.id);
    if (!employee) throw new Error(`the matrix needs a demo user of role ${role.id}`);
    const tokens = await login(runtime, employee.username);
    const me = (await call(runtime, tokens, 'GET', '/api/users/me')).json();
    const area = locations.areaOf(employee.primaryOfficeId);
    users.push({
      username: employee.username,
      userId: me.id,
      role: role.id,
      officeId: employee.primaryOfficeId,
      tokens,
      inRecord: await record(employee.primaryOfficeId, facilityIn(area)),
      uploadId: UPLOAD_SCOPES.some((s) => table.holds(role.id, s)) ? await startUpload(runtime, tokens) : null,
    });
  }

  // Far away: a province that holds none of the users' offices.
  const provinces = config.locations.filter((l) => l.type === 'ADMIN_AREA' && l.parentId === null);
  const far = provinces.find((p) => users.every((u) => !locations.isWithin(u.officeId, p.id)))!;
  const farOffice = config.locations.find((l) => l.type === 'CRVS_OFFICE' && locations.isWithin(l.id, far.id))!;
  const outRecord = await record(farOffice.id, facilityIn(far.id));

  // Staff to manage: a role without privileged scopes (who may give those is another rule), one per office.
  const staffRole = config.roles.find((r) => !table.isPrivileged(r.id))!.id;
  const staff = new Map<string, string>();
  // A national administrator invites and deactivates the targets that must start pending or deactivated.
  const admin = users.find((u) => table.holds(u.role, 'user.edit', undefined, true))!;
  const staffAt = async (officeId: string, fresh: Fresh) => {
    const known = staff.get(officeId);
    if (known && !fresh) return known;
    const email = `matrix.${randomUUID()}@example.org`;
    if (fresh === 'pending') {
      const invited = await runtime.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: bearer(admin.tokens),
        payload: { firstname: 'Matrix', surname: 'Invitee', role: staffRole, primaryOfficeId: officeId, email },
      });
      if (invited.statusCode !== 201) throw new Error(`matrix invitation: ${invited.body}`);
      return invited.json().id as string;
    }
    const created = await createUser(runtime.ctx, {
      username: `matrix.staff.${randomUUID().slice(0, 8)}`,
      firstname: 'Matrix',
      surname: 'Staff',
      role: staffRole,
      primaryOfficeId: officeId,
      email,
      password: HELPER_PASSWORD,
    });
    if (fresh === 'deactivated') {
      const res = await runtime.app.inject({
        method: 'POST',
        url: `/api/users/${created.id}/deactivate`,
        headers: bearer(admin.tokens),
        payload: { reason: 'matrix target' },
      });
      if (res.statusCode !== 200) throw new Error(`matrix deactivation: ${res.body}`);
    }
    if (!fresh) staff.set(officeId, created.id);
    return created.id;
  };
  const farHelper = await helperAt(farOffice.id);
  const farUpload = await startUpload(runtime, farHelper.tokens);

  return {
    users,
    outRecord,
    tokens: await badTokens(runtime, registrarRole),
    copy: (r) => record(r.createdAtLocation, r.placeOfEvent!, false),
    target: async (user, which, fresh = false) => {
      const officeId = which === 'in' && user ? user.officeId : farOffice.id;
      const own = which === 'in' && user?.uploadId ? user : null;
      return {
        userId: await staffAt(officeId, fresh),
        officeId,
        role: staffRole,
        uploadId: own ? own.uploadId! : farUpload,
        uploader: own ? own.userId : farHelper.userId,
      };
    },
  };
}

/** Roles holding one of these may upload documents (tus), as the files module's docs say. */
const UPLOAD_SCOPES = ['record.declare', 'record.notify', 'record.validate', 'record.register'] as const;

async function startUpload(runtime: TestRuntime, tokens: Tokens): Promise<string> {
  const res = await runtime.app.inject({
    method: 'POST',
    url: '/api/files/uploads',
    headers: {
      ...bearer(tokens),
      'tus-resumable': '1.0.0',
      'upload-length': '100',
      'upload-metadata': `filetype ${Buffer.from('application/pdf').toString('base64')}`,
    },
  });
  if (res.statusCode !== 201) throw new Error(`matrix upload start: ${res.statusCode} ${res.body}`);
  return res.headers.location!.toString().split('/').at(-1)!;
}

async function badTokens(runtime: TestRuntime, role: string): Promise<World['tokens']> {
  const hq = runtime.ctx.country.config.locations.find((l) => l.type === 'CRVS_OFFICE' && l.parentId === null)!;
  const user = await createUser(runtime.ctx, {
    username: 'matrix.must.change',
    firstname: 'Matrix',
    surname: 'Newcomer',
    role,
    primaryOfficeId: hq.id,
    password: HELPER_PASSWORD,
    mustChangePassword: true,
  });
  const ended = await login(runtime, 'matrix.helper.1', HELPER_PASSWORD);
  await runtime.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(ended) });
  const past = Math.floor(Date.now() / 1000) - ACCESS_TOKEN_SECONDS - 60;
  const expired = await new SignJWT({ username: user.username, role, office: hq.id, sid: randomUUID() })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: runtime.keys.kid })
    .setSubject(user.id)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(past)
    .setExpirationTime(past + ACCESS_TOKEN_SECONDS)
    .sign(runtime.keys.privateKey);
  return {
    garbage: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.garbage',
    expired,
    ended: ended.accessToken,
    mustChange: (await login(runtime, user.username, HELPER_PASSWORD)).accessToken,
  };
}

async function upload(runtime: TestRuntime, tokens: Tokens): Promise<string> {
  const res = await runtime.app.inject({
    method: 'POST',
    url: '/api/files',
    payload: Buffer.from(`%PDF-1.4\n% matrix ${randomUUID()}\n%%EOF\n`),
    headers: { ...bearer(tokens), 'content-type': 'application/pdf' },
  });
  if (res.statusCode !== 201) throw new Error(`matrix upload: ${res.body}`);
  return res.json().path;
}

function call(runtime: TestRuntime, tokens: Tokens, method: 'GET' | 'POST', url: string, payload?: object) {
  return runtime.app.inject({ method, url, headers: bearer(tokens), ...(payload ? { payload } : {}) });
}
