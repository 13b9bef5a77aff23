import { randomUUID } from 'node:crypto';
import { dateOfEvent, grantedJurisdiction, placeOfEvent, todayIn, type NameValue } from '@lifeline/domain';
import { SignJWT } from 'jose';
import type { AppContext } from '../../context.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';
import { requireRead } from '../access/index.ts';
import { appendAudit } from '../audit/index.ts';
import type { AuthUser } from '../auth/types.ts';
import { inJurisdiction, loadDocument, type EventDocument } from '../events/index.ts';
import { CERTIFICATE_ALGORITHM, certificateKeys } from './keys.ts';
import * as repo from './repository.ts';
import { issuerDid } from './signing.ts';
import { statusListUrl, statusPosition } from './status-list.ts';

const ISSUE_SCOPES = ['record.print-certified-copies', 'record.register'] as const;

/** e.g. BirthRegistrationCredential. */
export const credentialType = (eventType: string) =>
  `${eventType.charAt(0).toUpperCase()}${eventType.slice(1).replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}RegistrationCredential`;

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function placeName(ctx: AppContext, id: string | null): string | null {
  if (!id) return null;
  const names = ctx.country.locations.path(id).map((p) => ctx.country.locations.get(p)?.name ?? p);
  return names.reverse().join(', ') || null;
}

/** The key facts of a registration, named after schema.org terms where one fits. */
function credentialSubject(ctx: AppContext, doc: EventDocument, registeredAt: string | null, office: string | null) {
  const event = ctx.country.events.get(doc.type)!;
  const name = (doc.declaration[event.titleField] ?? {}) as NameValue;
  const date = dateOfEvent(event, doc.declaration);
  const place = placeName(ctx, placeOfEvent(event, doc.declaration));
  // The person section of the title field (child, deceased) holds their sex.
  const sex = doc.declaration[`${event.titleField.split('.')[0]}.gender`];
  const specific =
    doc.type === 'birth'
      ? { birthDate: date, birthPlace: place }
      : doc.type === 'death'
        ? { deathDate: date, deathPlace: place }
        : {};
  return {
    type: `${credentialType(doc.type).replace(/Credential$/, '')}`,
    registrationNumber: doc.registrationNumber,
    registrationDate: registeredAt ? todayIn(ctx.country.config.settings.timeZone, new Date(registeredAt)) : null,
    registrationOffice: office ? (ctx.country.locations.get(office)?.name ?? office) : null,
    givenName: [name.firstname, name.middlename].filter(Boolean).join(' ') || null,
    familyName: name.surname ?? null,
    ...(typeof sex === 'string' ? { gender: sex } : {}),
    dateOfEvent: date,
    placeOfEvent: place,
    ...specific,
  };
}

/** A credential carries the record's personal data: the read rule, plus a scope that hands out certificates. */
function requireIssueAccess(ctx: AppContext, user: AuthUser, doc: EventDocument) {
  const facts = {
    type: doc.type,
    createdBy: doc.createdBy,
    status: doc.status,
    createdAtLocation: doc.createdAtLocation,
    placeOfEvent: doc.placeOfEvent,
  };
  requireRead(ctx.country, user, facts);
  const allowed = ISSUE_SCOPES.some((scope) => {
    const jurisdiction = grantedJurisdiction(user.scopes, scope, doc.type);
    return jurisdiction !== null && inJurisdiction(ctx.country, user, jurisdiction, facts);
  });
  if (!allowed) throw forbidden(`your role (${user.role}) cannot issue credentials for this record`);
}

export interface IssuedCredential {
  id: string;
  credential: string;
  type: string;
  statusListCredential: string;
  suspensionListCredential: string;
  statusListIndex: number;
}

/**
 * Issue a registered record as a W3C verifiable credential (VC-JWT, EdDSA) from this registry's did:web, with a
 * revocation entry in a status list that turns on when the record is revoked or corrected.
 */
export async function issueCredential(ctx: AppContext, user: AuthUser, eventId: string): Promise<IssuedCredential> {
  const doc = await loadDocument(ctx.db, eventId);
  if (!doc) throw notFound(`no record ${eventId}`);
  requireIssueAccess(ctx, user, doc);
  if (doc.status !== 'REGISTERED') throw conflict('only a registered record can be issued as a credential');
  if (doc.flags.includes('revoked')) throw conflict('the registration is revoked');
  const register = doc.actions.findLast((a) => a.type === 'REGISTER' && a.status === 'Accepted');
  const id = randomUUID();
  const now = new Date();
  const type = credentialType(doc.type);
  const position = await ctx.db.transaction().execute(async (trx) => {
    const n = await repo.nextStatusIndex(trx);
    await repo.insertCredential(trx, {
      id,
      event_id: eventId,
      type,
      status_index: n,
      issued_after_seq: await repo.lastActionSeq(trx, eventId),
      issued_by: user.id,
      issued_at: now,
    });
    await appendAudit(trx, {
      stream: `event:${eventId}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'credential.ISSUE',
      subjectType: 'credential',
      subjectId: id,
      details: { type, statusIndex: n },
    });
    return statusPosition(n);
  });
  const did = issuerDid(ctx);
  const keys = await certificateKeys(ctx);
  const listUrl = statusListUrl(ctx, position.list);
  const suspensionUrl = statusListUrl(ctx, position.list, 'suspension');
  // One place in two lists: revoked for good when the facts are corrected, suspended while the registration is revoked.
  const entry = (purpose: 'revocation' | 'suspension', url: string) => ({
    id: `${url}#${position.index}`,
    type: 'StatusList2021Entry',
    statusPurpose: purpose,
    statusListIndex: String(position.index),
    statusListCredential: url,
  });
  const credential = await new SignJWT({
    vc: {
      '@context': [
        'https://www.w3.org/2018/credentials/v1',
        'https://w3id.org/vc/status-list/2021/v1',
        { '@vocab': 'https://schema.org/' },
      ],
      id: `urn:uuid:${id}`,
      type: ['VerifiableCredential', type],
      issuer: did,
      issuanceDate: iso(now),
      credentialSubject: credentialSubject(ctx, doc, register?.createdAt ?? null, register?.createdAtLocation ?? null),
      credentialStatus: [entry('revocation', listUrl), entry('suspension', suspensionUrl)],
    },
  })
    .setProtectedHeader({ alg: CERTIFICATE_ALGORITHM, kid: `${did}#${keys.kid}`, typ: 'JWT' })
    .setIssuer(did)
    .setJti(`urn:uuid:${id}`)
    .setIssuedAt(now)
    .setNotBefore(now)
    .sign(keys.privateKey);
  return {
    id,
    credential,
    type,
    statusListCredential: listUrl,
    suspensionListCredential: suspensionUrl,
    statusListIndex: position.index,
  };
}

/** The DID document of did:web:<host>: the certificate key as the issuer's assertion method. */
export async function didDocument(ctx: AppContext) {
  const did = issuerDid(ctx);
  const keys = await certificateKeys(ctx);
  const method = `${did}#${keys.kid}`;
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    verificationMethod: [{ id: method, type: 'JsonWebKey2020', controller: did, publicKeyJwk: keys.publicJwk }],
    assertionMethod: [method],
  };
}
