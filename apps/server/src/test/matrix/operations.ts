import { randomUUID } from 'node:crypto';
import type { ScopeName } from '@lifeline/domain';
import { hospitalBirth } from '@lifeline/fhir/testing/notifications';
import type { Fresh, PreparedRecord, RoleUser, Target } from './prepare.ts';

/**
 * What each operation of the API needs, in the words of the roles config. The matrix derives every cell's
 * expected answer from this and the config; an operation of the OpenAPI document missing here fails the test
 * until someone says what it needs.
 */
export type Need =
  /** Open to anyone; the answer does not depend on the token. */
  | { kind: 'public' }
  /** Any live login. */
  | { kind: 'signed-in' }
  /** Any live login holding one of these scopes (for `eventType`; country-wide when `everywhere`), wherever. */
  | { kind: 'scope'; anyOf: ScopeName[]; eventType?: string; everywhere?: boolean }
  /** The record's read rule; and, when given, one of these scopes reaching the record. */
  | { kind: 'record'; anyOf?: ScopeName[] }
  /** Only the user who created the record (never a matrix user). */
  | { kind: 'creator' }
  /** The role has this workqueue in the config; otherwise 404. */
  | { kind: 'workqueue'; slug: string }
  /**
   * Another member of staff (at the caller's office, or far away): one of these scopes reaching their office; with
   * `grants`, also a reach wide enough to give their role (the target's role carries no privileged scope).
   */
  | { kind: 'staff'; anyOf: ScopeName[]; grants?: boolean }
  /** Only the user who started the upload; anyone else is told it does not exist (404). */
  | { kind: 'uploader' };

export interface Request {
  url: string;
  payload?: object | Buffer;
  headers?: Record<string, string>;
}

export interface Operation {
  /** `METHOD /path` as in the OpenAPI document, plus ` [VARIANT]` for each action type of the generic route. */
  key: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
  need: Need;
  /** Reachable while the user must change their password first. */
  duringPasswordChange?: boolean;
  /** Changes who may act on the record afterwards (e.g. ASSIGN): allowed cells get a record of their own. */
  freshRecord?: boolean;
  /**
   * Changes the target member of staff for good (deactivation...): allowed cells get a target of their own, in the
   * state the operation acts on (invited for a new invitation, deactivated for a reactivation).
   */
  freshTarget?: Fresh;
  request(record: PreparedRecord, user: RoleUser | null, target: Target): Request;
}

const tx = () => ({ transactionId: randomUUID() });
const record = (anyOf?: ScopeName[]): Need => ({ kind: 'record', ...(anyOf ? { anyOf } : {}) });
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The scope each action type needs besides reading the record: none for ASSIGN and UNASSIGN (reading is enough),
 * nor for types no client may request (CREATE, READ...: refused as bad requests once the record may be read).
 */
const ACTION_SCOPES: Record<string, ScopeName | null> = {
  CREATE: null,
  NOTIFY: 'record.notify',
  DECLARE: 'record.declare',
  VALIDATE: 'record.validate',
  REGISTER: 'record.register',
  REJECT: 'record.reject',
  ARCHIVE: 'record.archive',
  REQUEST_CORRECTION: 'record.request-correction',
  APPROVE_CORRECTION: 'record.correct',
  REJECT_CORRECTION: 'record.correct',
  REVOKE: 'record.revoke',
  REINSTATE: 'record.revoke',
  MARK_AS_DUPLICATE: 'record.review-duplicates',
  MARK_AS_NOT_DUPLICATE: 'record.review-duplicates',
  PRINT_CERTIFICATE: 'record.print-certified-copies',
  ISSUE_CERTIFICATE: 'record.print-certified-copies',
  ASSIGN: null,
  UNASSIGN: null,
  READ: null,
  DELETE: null,
  DUPLICATE_DETECTED: null,
};

const FIXED: Operation[] = [
  op('GET /api/health', { kind: 'public' }, () => ({ url: '/api/health' })),
  op('POST /api/auth/login', { kind: 'public' }, () => ({
    url: '/api/auth/login',
    payload: { username: `matrix.nobody.${randomUUID()}`, password: 'not-a-password' },
  })),
  op('POST /api/auth/verify', { kind: 'public' }, () => ({
    url: '/api/auth/verify',
    payload: { nonce: 'no-such-nonce', code: '000000' },
  })),
  op('POST /api/auth/refresh', { kind: 'public' }, () => ({
    url: '/api/auth/refresh',
    payload: { refreshToken: 'no-such-refresh-token' },
  })),
  {
    ...op('POST /api/auth/logout', { kind: 'signed-in' }, () => ({ url: '/api/auth/logout' })),
    duringPasswordChange: true,
  },
  op('GET /.well-known/jwks.json', { kind: 'public' }, () => ({ url: '/.well-known/jwks.json' })),
  op('GET /api/users', { kind: 'signed-in' }, (r) => ({ url: `/api/users?ids=${r.createdBy}` })),
  { ...op('GET /api/users/me', { kind: 'signed-in' }, () => ({ url: '/api/users/me' })), duringPasswordChange: true },
  {
    ...op('POST /api/users/me/password', { kind: 'signed-in' }, () => ({
      url: '/api/users/me/password',
      payload: { currentPassword: 'not-the-password', newPassword: 'Another-Password-2025' },
    })),
    duringPasswordChange: true,
  },
  op('GET /api/config', { kind: 'signed-in' }, () => ({ url: '/api/config' })),
  op('GET /api/locations', { kind: 'public' }, () => ({ url: '/api/locations?limit=5' })),
  op('GET /api/locations/{id}', { kind: 'public' }, (r) => ({ url: `/api/locations/${r.createdAtLocation}` })),
  op(
    'POST /api/events',
    { kind: 'scope', anyOf: ['record.create', 'record.notify', 'record.declare'], eventType: 'birth' },
    () => ({
      url: '/api/events',
      payload: { type: 'birth', ...tx() },
    }),
  ),
  op('GET /api/events/{id}', record(), (r) => ({ url: `/api/events/${r.id}` })),
  op('DELETE /api/events/{id}', { kind: 'creator' }, (r) => ({ url: `/api/events/${r.id}` })),
  op('GET /api/events/{id}/draft', record(), (r) => ({ url: `/api/events/${r.id}/draft` })),
  op('PUT /api/events/{id}/draft', record(), (r) => ({
    url: `/api/events/${r.id}/draft`,
    payload: { declaration: { 'child.gender': 'female' } },
  })),
  op('DELETE /api/events/{id}/draft', record(), (r) => ({ url: `/api/events/${r.id}/draft` })),
  op('POST /api/events/search', { kind: 'scope', anyOf: ['record.search', 'record.read'] }, (r) => ({
    url: '/api/events/search',
    payload: { query: { type: 'quick', term: r.trackingId } },
  })),
  // The reference 2.0's path of the same search.
  op('POST /api/events/events/search', { kind: 'scope', anyOf: ['record.search', 'record.read'] }, (r) => ({
    url: '/api/events/events/search',
    payload: { query: { type: 'and', clauses: [{ trackingId: { type: 'exact', term: r.trackingId } }] } },
  })),
  op('GET /api/workqueues', { kind: 'signed-in' }, () => ({ url: '/api/workqueues' })),
  op('GET /api/workqueues/{slug}', { kind: 'workqueue', slug: 'recent' }, () => ({ url: '/api/workqueues/recent' })),
  op('GET /api/saved-searches', { kind: 'signed-in' }, () => ({ url: '/api/saved-searches' })),
  op('POST /api/saved-searches', { kind: 'scope', anyOf: ['record.search', 'record.read'] }, () => ({
    url: '/api/saved-searches',
    payload: { name: `matrix ${randomUUID()}`, query: { type: 'quick', term: 'Banda' } },
  })),
  op('DELETE /api/saved-searches/{id}', { kind: 'signed-in' }, () => ({ url: `/api/saved-searches/${randomUUID()}` })),
  op(
    'POST /api/files',
    { kind: 'scope', anyOf: ['record.declare', 'record.notify', 'record.validate', 'record.register'] },
    () => ({
      url: '/api/files',
      payload: Buffer.from(`%PDF-1.4\n% ${randomUUID()}\n%%EOF\n`),
      headers: { 'content-type': 'application/pdf' },
    }),
  ),
  op('GET /api/files/{id}', record(), (r) => ({ url: r.filePath })),
  op('POST /api/events/{id}/actions/PRINT_CERTIFICATE', record(['record.print-certified-copies']), (r) => ({
    url: `/api/events/${r.id}/actions/PRINT_CERTIFICATE`,
    payload: tx(),
  })),
  op('POST /api/events/{id}/actions/ISSUE_CERTIFICATE', record(['record.print-certified-copies']), (r) => ({
    url: `/api/events/${r.id}/actions/ISSUE_CERTIFICATE`,
    payload: tx(),
  })),
  op('GET /api/events/{id}/certificates', record(), (r) => ({ url: `/api/events/${r.id}/certificates` })),
  op('GET /api/certificates/{id}.pdf', record(), (r) => ({ url: `/api/certificates/${r.certificateId}.pdf` })),
  op('GET /api/payments/daily-report', { kind: 'scope', anyOf: ['performance.read', 'record.register'] }, () => ({
    url: `/api/payments/daily-report?date=${today()}`,
  })),
  op('GET /verify/{certificateId}', { kind: 'public' }, (r) => ({ url: `/verify/${r.certificateId}` })),
  op('GET /api/verify/{certificateId}', { kind: 'public' }, (r) => ({ url: `/api/verify/${r.certificateId}` })),
  op('GET /.well-known/did.json', { kind: 'public' }, () => ({ url: '/.well-known/did.json' })),
  op('GET /api/register/checkpoints/latest', { kind: 'public' }, () => ({ url: '/api/register/checkpoints/latest' })),
  op('GET /api/register/checkpoints/{id}', { kind: 'public' }, () => ({ url: '/api/register/checkpoints/1' })),
  op('POST /api/events/{id}/credential', record(['record.print-certified-copies', 'record.register']), (r) => ({
    url: `/api/events/${r.id}/credential`,
  })),
  op('GET /api/credentials/status/{list}', { kind: 'public' }, () => ({ url: '/api/credentials/status/1' })),
  op('GET /fhir/metadata', { kind: 'public' }, () => ({ url: '/fhir/metadata' })),
  op('GET /fhir/Location', { kind: 'public' }, () => ({ url: '/fhir/Location?_count=5' })),
  op('GET /fhir/Location/{id}', { kind: 'public' }, (r) => ({ url: `/fhir/Location/${r.createdAtLocation}` })),
  // A body no one may send: only the scope decides between 403 and the 400 that follows it.
  op('POST /fhir/Location', { kind: 'scope', anyOf: ['config.update-all'] }, () => ({
    url: '/fhir/Location',
    payload: { resourceType: 'Location' },
    headers: { 'content-type': 'application/fhir+json' },
  })),
  op('PUT /fhir/Location/{id}', { kind: 'scope', anyOf: ['config.update-all'] }, (r) => ({
    url: `/fhir/Location/${r.createdAtLocation}`,
    payload: { resourceType: 'Location' },
    headers: { 'content-type': 'application/fhir+json' },
  })),
  op('GET /fhir/Composition/{id}/$document', record(), (r) => ({ url: `/fhir/Composition/${r.id}/$document` })),
  op('GET /fhir/Bundle/{id}', record(), (r) => ({ url: `/fhir/Bundle/${r.id}` })),
  // A notification of a birth at the record's place: like declaring, a person notifies from their own office
  // (the record is created there) whatever facility the birth happened at.
  op('POST /fhir/Bundle', { kind: 'scope', anyOf: ['record.notify'], eventType: 'birth' }, (r) => ({
    url: '/fhir/Bundle',
    payload: notificationAt(r.placeOfEvent ?? ''),
    headers: { 'content-type': 'application/fhir+json' },
  })),
];

/** The period and event every statistic is asked for: this year's births, in the caller's own area by default. */
const PERIOD = () => `event=birth&from=${new Date().getUTCFullYear()}-01-01&to=${today()}`;
const YEAR = () => `event=birth&year=${new Date().getUTCFullYear()}`;
const STATISTICS: Array<[string, () => string]> = [
  ['registrations', () => `${PERIOD()}&groupBy=area`],
  ['completeness', YEAR],
  ['time-to-registration', PERIOD],
  ['certificates', PERIOD],
  ['data-quality', PERIOD],
];
const performance: Need = { kind: 'scope', anyOf: ['performance.read'], eventType: 'birth' };
const statisticOps = STATISTICS.flatMap(([name, query]) =>
  ['', '.csv', '.xlsx'].map((suffix) =>
    op(`GET /api/statistics/${name}${suffix}`, performance, () => ({
      url: `/api/statistics/${name}${suffix}?${query()}`,
    })),
  ),
);

/** A 1x1 transparent PNG: the smallest signature there is. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const TUS = { 'tus-resumable': '1.0.0' };
const b64 = (s: string) => Buffer.from(s).toString('base64');

const userEdit: Need = { kind: 'staff', anyOf: ['user.edit'], grants: true };
/** A user action that leaves the target changed for good: each allowed cell acts on a target of its own. */
const userAction = (path: string, payload?: object, fresh: Fresh = true): Operation => ({
  ...op(`POST /api/users/{id}/${path}`, userEdit, (_r, _u, t) => ({
    url: `/api/users/${t.userId}/${path}`,
    ...(payload ? { payload } : {}),
  })),
  freshTarget: fresh,
});

/** Staff administration, account recovery, background jobs, audit views, help, statistics, offline work. */
const STAFF_AND_FIELD: Operation[] = [
  // Public account routes: a token nobody was sent, an unknown account; the answer is the same for everyone.
  op('POST /api/auth/invitation', { kind: 'public' }, () => ({
    url: '/api/auth/invitation',
    payload: { token: `matrix-${randomUUID()}` },
  })),
  op('POST /api/auth/activate', { kind: 'public' }, () => ({
    url: '/api/auth/activate',
    payload: { token: `matrix-${randomUUID()}`, code: '000000', password: 'Another-Password-2025' },
  })),
  op('POST /api/auth/forgot-password', { kind: 'public' }, () => ({
    url: '/api/auth/forgot-password',
    payload: { identifier: `matrix.nobody.${randomUUID()}` },
  })),
  op('POST /api/auth/reset-password', { kind: 'public' }, () => ({
    url: '/api/auth/reset-password',
    payload: { nonce: randomUUID(), code: '000000', newPassword: 'Another-Password-2025' },
  })),
  op('POST /api/auth/forgot-username', { kind: 'public' }, () => ({
    url: '/api/auth/forgot-username',
    payload: { contact: `matrix.${randomUUID()}@example.org` },
  })),
  // A new member of staff with the target's (non-privileged) role at the target's office.
  op('POST /api/users', { kind: 'staff', anyOf: ['user.create'], grants: true }, (_r, _u, t) => ({
    url: '/api/users',
    payload: {
      firstname: 'Matrix',
      surname: 'Newcomer',
      role: t.role,
      primaryOfficeId: t.officeId,
      email: `matrix.${randomUUID()}@example.org`,
    },
  })),
  op('GET /api/users/roles', { kind: 'signed-in' }, () => ({ url: '/api/users/roles' })),
  op('POST /api/users/me/onboarded', { kind: 'signed-in' }, () => ({ url: '/api/users/me/onboarded' })),
  op('PUT /api/users/me/signature', { kind: 'scope', anyOf: ['profile.electronic-signature'] }, () => ({
    url: '/api/users/me/signature',
    payload: PNG,
    headers: { 'content-type': 'image/png' },
  })),
  op('GET /api/users/{id}', { kind: 'staff', anyOf: ['user.read', 'user.search'] }, (_r, _u, t) => ({
    url: `/api/users/${t.userId}`,
  })),
  op('PATCH /api/users/{id}', userEdit, (_r, _u, t) => ({
    url: `/api/users/${t.userId}`,
    payload: { firstname: 'Renamed' },
  })),
  // 404 (no signature) for an allowed caller: the refusal comes first.
  op('GET /api/users/{id}/signature', { kind: 'staff', anyOf: ['user.read', 'user.search'] }, (_r, _u, t) => ({
    url: `/api/users/${t.userId}/signature`,
  })),
  userAction('deactivate', { reason: 'matrix check' }),
  userAction('reactivate', { reason: 'matrix check' }, 'deactivated'),
  userAction('unlock'),
  userAction('reset-password'),
  userAction('resend-invitation', undefined, 'pending'),
  userAction('reset-second-factor'),
  // Background jobs belong to the national operator (config.update-all country-wide); job 1 may not exist (404).
  op('GET /api/outbox', { kind: 'scope', anyOf: ['config.update-all'], everywhere: true }, () => ({
    url: '/api/outbox',
  })),
  op('POST /api/outbox/{id}/retry', { kind: 'scope', anyOf: ['config.update-all'], everywhere: true }, () => ({
    url: '/api/outbox/999999999/retry',
  })),
  // Another member's audit trail: user.read reaching their office.
  op('GET /api/audit', { kind: 'staff', anyOf: ['user.read'] }, (_r, _u, t) => ({
    url: `/api/audit?userId=${t.userId}`,
  })),
  op('GET /api/audit/export', { kind: 'staff', anyOf: ['user.read'] }, (_r, _u, t) => ({
    url: `/api/audit/export?userId=${t.userId}`,
  })),
  op('GET /api/help', { kind: 'public' }, () => ({ url: '/api/help' })),
  op('GET /api/help/{page}', { kind: 'public' }, () => ({ url: '/api/help/whats-new' })),
  ...statisticOps,
  op('GET /api/statistics/tabulations/{table}', performance, () => ({
    url: `/api/statistics/tabulations/births-by-month-and-sex?year=${new Date().getUTCFullYear()}`,
  })),
  ...['', '.csv'].map((suffix) =>
    op(
      `GET /api/statistics/vital-statistics-export${suffix}`,
      { kind: 'scope', anyOf: ['performance.vital-statistics-export'], eventType: 'birth' },
      () => ({ url: `/api/statistics/vital-statistics-export${suffix}?${PERIOD()}` }),
    ),
  ),
  // The country's boundaries: geography, like the locations API, for anyone signed in.
  op('GET /api/statistics/map', { kind: 'signed-in' }, () => ({ url: '/api/statistics/map' })),
  op('GET /api/locations/sync', { kind: 'public' }, () => ({ url: '/api/locations/sync?limit=5' })),
  op('OPTIONS /api/files/uploads', { kind: 'public' }, () => ({ url: '/api/files/uploads' })),
  op(
    'POST /api/files/uploads',
    { kind: 'scope', anyOf: ['record.declare', 'record.notify', 'record.validate', 'record.register'] },
    () => ({
      url: '/api/files/uploads',
      headers: { ...TUS, 'upload-length': '100', 'upload-metadata': `filetype ${b64('application/pdf')}` },
    }),
  ),
  // The first chunk of an upload (not the last: it stays open for the DELETE after it).
  op('PATCH /api/files/uploads/{id}', { kind: 'uploader' }, (_r, _u, t) => ({
    url: `/api/files/uploads/${t.uploadId}`,
    payload: Buffer.from('%PDF-1.4\n'),
    headers: { ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
  })),
  op('DELETE /api/files/uploads/{id}', { kind: 'uploader' }, (_r, _u, t) => ({
    url: `/api/files/uploads/${t.uploadId}`,
    headers: TUS,
  })),
  op('GET /api/events/{id}/certificates/preview.pdf', record(['record.print-certified-copies']), (r) => ({
    url: `/api/events/${r.id}/certificates/preview.pdf`,
  })),
];

/** Integration clients and their token endpoint (issue 11). */
const INTEGRATIONS: Operation[] = [
  // Public: an unknown client's credentials get the same 401 whatever token rides along.
  op('POST /api/auth/token', { kind: 'public' }, () => ({
    url: '/api/auth/token',
    payload: Buffer.from(`grant_type=client_credentials&client_id=${randomUUID()}&client_secret=lls_not-a-secret`),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })),
  op('POST /api/integrations', { kind: 'scope', anyOf: ['integration.create'] }, () => ({
    url: '/api/integrations',
    payload: { name: `matrix ${randomUUID()}`, type: 'RECORD_SEARCH' },
  })),
  op('GET /api/integrations', { kind: 'scope', anyOf: ['integration.create'] }, () => ({ url: '/api/integrations' })),
  // No such client: the allowed get 404, the others 403 before it is looked for.
  op('DELETE /api/integrations/{id}', { kind: 'scope', anyOf: ['integration.create'] }, () => ({
    url: `/api/integrations/${randomUUID()}`,
  })),
  op('POST /api/integrations/{id}/secret', { kind: 'scope', anyOf: ['integration.create'] }, () => ({
    url: `/api/integrations/${randomUUID()}/secret`,
  })),
  op('PUT /api/integrations/{id}/fields', { kind: 'scope', anyOf: ['integration.create'] }, () => ({
    url: `/api/integrations/${randomUUID()}/fields`,
    payload: { fields: ['child.name'] },
  })),
  // Webhooks: WEBHOOK clients (no matrix user is one) and the national administrator.
  op('POST /api/webhooks', { kind: 'scope', anyOf: ['integration.create'] }, () => ({
    url: '/api/webhooks',
    payload: { url: 'http://127.0.0.1:9/matrix', events: ['death.revoked'] },
  })),
  op('GET /api/webhooks', { kind: 'scope', anyOf: ['integration.create'] }, () => ({ url: '/api/webhooks' })),
  op('DELETE /api/webhooks/{id}', { kind: 'scope', anyOf: ['integration.create'] }, () => ({
    url: `/api/webhooks/${randomUUID()}`,
  })),
  // National ID: the national ID system's answers (NATIONAL_ID clients; no matrix role holds the scope).
  op('POST /api/events/{id}/actions/REGISTER/confirm', record(['record.confirm-registration']), (r) => ({
    url: `/api/events/${r.id}/actions/REGISTER/confirm`,
    payload: { nationalId: '1234567890' },
  })),
  op('POST /api/events/{id}/actions/REGISTER/reject', record(['record.confirm-registration']), (r) => ({
    url: `/api/events/${r.id}/actions/REGISTER/reject`,
    payload: { reason: 'matrix' },
  })),
  // Identity checks while declaring: whoever works on the declaration (no provider in the matrix: 409 when allowed).
  op(
    'POST /api/events/{id}/identity-checks',
    record(['record.declare', 'record.validate', 'record.register', 'record.notify']),
    (r) => ({ url: `/api/events/${r.id}/identity-checks`, payload: { person: 'mother' } }),
  ),
  op('GET /api/events/{id}/identity-checks', record(), (r) => ({ url: `/api/events/${r.id}/identity-checks` })),
  op('POST /api/identity-checks/complete', { kind: 'signed-in' }, () => ({
    url: '/api/identity-checks/complete',
    payload: { state: `matrix-${randomUUID()}`, code: 'matrix' },
  })),
];

/** Settings and content changed in the app (issue 16): the national system administrator's. */
const NATIONAL_ADMIN: Need = { kind: 'scope', anyOf: ['config.update-all'] };
const COUNTRY_OPERATIONS: Operation[] = [
  op('GET /api/config/settings', NATIONAL_ADMIN, () => ({ url: '/api/config/settings' })),
  op('PUT /api/config/settings', NATIONAL_ADMIN, () => ({
    url: '/api/config/settings',
    payload: { settings: {}, reason: 'matrix' },
  })),
  op('GET /api/config/settings/versions', NATIONAL_ADMIN, () => ({ url: '/api/config/settings/versions' })),
  op('GET /api/config/settings/versions/{version}', NATIONAL_ADMIN, () => ({
    url: '/api/config/settings/versions/1',
  })),
  op('POST /api/config/settings/versions/{version}/rollback', NATIONAL_ADMIN, () => ({
    url: '/api/config/settings/versions/0/rollback',
    payload: { reason: 'matrix' },
  })),
  op('POST /api/comms/email-staff', NATIONAL_ADMIN, (r) => ({
    url: '/api/comms/email-staff',
    payload: { officeId: r.createdAtLocation, subject: 'Matrix', text: 'A test of who may email staff.' },
  })),
  op('GET /api/events/{id}/messages', record(), (r) => ({ url: `/api/events/${r.id}/messages` })),
  op('GET /api/content/languages', { kind: 'public' }, () => ({ url: '/api/content/languages' })),
  op('GET /api/content/messages/{language}', { kind: 'public' }, () => ({ url: '/api/content/messages/fr' })),
  op('GET /api/content/entries', NATIONAL_ADMIN, () => ({ url: '/api/content/entries?language=fr&limit=5' })),
  op('PUT /api/content/{language}', NATIONAL_ADMIN, () => ({
    url: '/api/content/fr',
    payload: { messages: { 'nav.team': 'Équipe' }, reason: 'matrix' },
  })),
  op('POST /api/content/{language}/upload', NATIONAL_ADMIN, () => ({
    url: '/api/content/fr/upload',
    payload: { format: 'json', file: '{"nav.team":"Équipe"}', reason: 'matrix' },
  })),
  // Certificate templates: refused bodies and missing versions change nothing for whoever is allowed.
  op('GET /api/config/certificate-templates', NATIONAL_ADMIN, () => ({ url: '/api/config/certificate-templates' })),
  op('GET /api/config/certificate-templates/{id}', NATIONAL_ADMIN, () => ({
    url: '/api/config/certificate-templates/birth-certificate',
  })),
  op('PUT /api/config/certificate-templates/{id}', NATIONAL_ADMIN, () => ({
    url: '/api/config/certificate-templates/birth-certificate',
    payload: { template: {}, reason: 'matrix' },
  })),
  op('GET /api/config/certificate-templates/{id}/versions', NATIONAL_ADMIN, () => ({
    url: '/api/config/certificate-templates/birth-certificate/versions',
  })),
  op('GET /api/config/certificate-templates/{id}/versions/{version}', NATIONAL_ADMIN, () => ({
    url: '/api/config/certificate-templates/birth-certificate/versions/0',
  })),
  op('POST /api/config/certificate-templates/{id}/versions/{version}/rollback', NATIONAL_ADMIN, () => ({
    url: '/api/config/certificate-templates/birth-certificate/versions/99999/rollback',
    payload: { reason: 'matrix' },
  })),
  // A record that does not exist: the access check runs, no PDF is drawn (the preview itself is tested beside it).
  op('POST /api/config/certificate-templates/{id}/preview', NATIONAL_ADMIN, () => ({
    url: '/api/config/certificate-templates/birth-certificate/preview',
    payload: { eventId: randomUUID() },
  })),
];

function notificationAt(facilityId: string) {
  const bundle = hospitalBirth({ identifier: randomUUID() });
  for (const entry of bundle.entry ?? []) {
    if (entry.resource?.resourceType === 'Encounter') {
      entry.resource.location = [{ location: { reference: `Location/${facilityId}` } }];
    }
  }
  return bundle;
}

/** The generic action route, one operation per action type its `type` parameter accepts. */
function actionOperation(type: string): Operation | null {
  if (!(type in ACTION_SCOPES)) return null;
  const scope = ACTION_SCOPES[type];
  return {
    ...op(`POST /api/events/{id}/actions/{type} [${type}]`, record(scope ? [scope] : undefined), (r) => ({
      url: `/api/events/${r.id}/actions/${type}`,
      payload: { ...tx(), ...(REASONED.has(type) ? { reason: 'matrix' } : {}) },
    })),
    freshRecord: type === 'ASSIGN',
  };
}

const REASONED = new Set(['REJECT', 'REVOKE', 'REINSTATE', 'REQUEST_CORRECTION', 'REJECT_CORRECTION']);

// ---- A record's later life (issue 13): actions added to the action route ----
ACTION_SCOPES.UNARCHIVE = 'record.archive';
REASONED.add('UNARCHIVE');
FIXED.push(
  op('GET /api/credentials/status/{list}/suspension', { kind: 'public' }, () => ({
    url: '/api/credentials/status/1/suspension',
  })),
);

// ---- Legacy register imports (issue 13): the national system administrator's ----
const IMPORTER: Need = { kind: 'scope', anyOf: ['record.import'], eventType: 'birth' };
FIXED.push(
  // A one-row CSV of its own each time (a new file, so a new import); its row is refused or imported, either way 202.
  op('POST /api/imports', IMPORTER, () => ({
    url: '/api/imports?type=birth&name=matrix.csv',
    payload: Buffer.from(
      `registration_number,registration_date,registration_office\nMATRIX-${randomUUID()},2001-01-01,HQ Office\n`,
    ),
    headers: { 'content-type': 'text/csv' },
  })),
  // No such import: the allowed get 404, the others 403 before it is looked for.
  op('GET /api/imports', IMPORTER, () => ({ url: '/api/imports' })),
  op('GET /api/imports/{id}', IMPORTER, () => ({ url: `/api/imports/${randomUUID()}` })),
  op('GET /api/imports/{id}/report', IMPORTER, () => ({ url: `/api/imports/${randomUUID()}/report` })),
);

// ---- Paper registers (issue 13, part 5): importers and registrars upload, typists hold record.transcribe,
// registrars resolve ----
const PAPER_UPLOADER: Need = { kind: 'scope', anyOf: ['record.import', 'record.register'], eventType: 'birth' };
const PAPER_TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
FIXED.push(
  // Each caller uploads to their own office (the default): allowed wherever they hold an upload scope.
  op('POST /api/paper/pages', PAPER_UPLOADER, () => ({
    url: '/api/paper/pages?type=birth',
    payload: PAPER_TINY_PNG,
    headers: { 'content-type': 'image/png' },
  })),
  op(
    'GET /api/paper/pages',
    { kind: 'scope', anyOf: ['record.transcribe', 'record.import', 'record.register'] },
    () => ({
      url: '/api/paper/pages',
    }),
  ),
  // No such page: the allowed get 404 (a page's own office decides the rest, tested in modules/paper).
  op('GET /api/paper/pages/{id}', { kind: 'signed-in' }, () => ({ url: `/api/paper/pages/${randomUUID()}` })),
  op('GET /api/paper/pages/{id}/scan', { kind: 'signed-in' }, () => ({ url: `/api/paper/pages/${randomUUID()}/scan` })),
  op('POST /api/paper/pages/{id}/assign', { kind: 'signed-in' }, () => ({
    url: `/api/paper/pages/${randomUUID()}/assign`,
  })),
  op('POST /api/paper/pages/{id}/unassign', { kind: 'signed-in' }, () => ({
    url: `/api/paper/pages/${randomUUID()}/unassign`,
  })),
  op('POST /api/paper/pages/{id}/entries', { kind: 'signed-in' }, () => ({
    url: `/api/paper/pages/${randomUUID()}/entries`,
    payload: { declaration: {}, registration: { number: 'MATRIX-1', date: '2001-01-01' } },
  })),
  op('POST /api/paper/pages/{id}/resolve', { kind: 'signed-in' }, () => ({
    url: `/api/paper/pages/${randomUUID()}/resolve`,
    payload: { declaration: {}, registration: { number: 'MATRIX-1', date: '2001-01-01' } },
  })),
);

function op(key: string, need: Need, request: Operation['request']): Operation {
  return { key, method: key.split(' ')[0] as Operation['method'], need, request };
}

/**
 * The operations to test for one method and path of the OpenAPI document (several for a path parameter that
 * is an enum of action types), or null when nobody has classified it yet.
 */
export function classify(
  method: string,
  path: string,
  operation: { parameters?: Array<{ in: string; name: string; schema?: { enum?: string[] } }> },
  specificPaths: ReadonlySet<string>,
): Operation[] | null {
  const key = `${method.toUpperCase()} ${path}`;
  if (key === 'POST /api/events/{id}/actions/{type}') {
    const types = operation.parameters?.find((p) => p.in === 'path' && p.name === 'type')?.schema?.enum ?? [];
    const ops = types
      // Types with a route of their own are tested there (Fastify never sends them here).
      .filter((t) => !specificPaths.has(`POST /api/events/{id}/actions/${t}`))
      .map(actionOperation);
    return ops.every((o) => o !== null) ? (ops as Operation[]) : null;
  }
  const found = [...FIXED, ...STAFF_AND_FIELD, ...INTEGRATIONS, ...COUNTRY_OPERATIONS].find((o) => o.key === key);
  return found ? [found] : null;
}
