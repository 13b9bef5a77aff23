import rateLimit from '@fastify/rate-limit';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { tooManyRequests } from '../../lib/errors.ts';
import { didDocument, issueCredential } from './credentials.ts';
import { certificateKeys } from './keys.ts';
import { verificationPage } from './page.ts';
import {
  CredentialParams,
  DidDocument,
  IssuedCredential,
  StatusListParams,
  VerificationResult,
  VerifyParams,
  VerifyQuery,
} from './schemas.ts';
import { verifyCertificate } from './service.ts';
import { statusListCredential } from './status-list.ts';

/** Public verification requests per IP per minute (pages and API together). */
export const VERIFY_RATE_LIMIT_PER_MINUTE = 60;

/**
 * Public certificate verification (no login: anyone shown a certificate can check it), the issuer's DID document,
 * credential issuance and the credential status list.
 */
export async function verifyRoutes(app: ApiApp, ctx: AppContext): Promise<void> {
  await certificateKeys(ctx);
  const header = ctx.country.config.certificates?.header ?? {
    country: { en: ctx.country.config.settings.countryName, fr: ctx.country.config.settings.countryName },
    authority: { en: 'Civil Registry', fr: 'État civil' },
  };

  await app.register(async (plugin) => {
    // Global within this scope only: the page and the API draw on one store, so an IP has one budget for both
    // (per-route limits would each keep their own count, and a scraper would get twice the budget).
    await plugin.register(rateLimit, {
      global: true,
      max: VERIFY_RATE_LIMIT_PER_MINUTE,
      timeWindow: 60_000,
      errorResponseBuilder: (_request, context) =>
        tooManyRequests(
          `too many verifications: at most ${context.max} per minute; try again in ${context.after}`,
          Math.ceil(context.ttl / 1000),
        ),
    });
    const scope = plugin.withTypeProvider<ZodTypeProvider>();

    scope.get(
      '/verify/:certificateId',
      {
        schema: {
          operationId: 'verifyCertificatePage',
          tags: ['verify'],
          summary: 'Public verification page of a certificate (what its QR code opens)',
          security: [],
          params: VerifyParams,
          querystring: VerifyQuery,
          produces: ['text/html'],
        },
      },
      async (request, reply) => {
        const result = await verifyCertificate(ctx, request.params.certificateId, request.query.c, {
          ip: request.ip,
          via: 'page',
        });
        return (
          reply
            .type('text/html; charset=utf-8')
            .header('cache-control', 'no-store')
            .header('x-robots-tag', 'noindex')
            // Stricter than the app's: the page has one inline <style> and nothing else.
            .header(
              'content-security-policy',
              "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            )
            .send(verificationPage(result, header))
        );
      },
    );

    scope.get(
      '/api/verify/:certificateId',
      {
        schema: {
          operationId: 'verifyCertificate',
          tags: ['verify'],
          summary: 'Is this certificate genuine and current? (no login)',
          description:
            'VALID (with name, date of event and registration number), SUPERSEDED (corrected after printing), ' +
            "REVOKED, UNKNOWN, TAMPERED (the signed payload `c` does not verify or does not match, or the certificate differs from the record's action log), or ISSUED_AFTER_BACKUP (signed by the registry after the backup the register was restored from: check with the registry).",
          security: [],
          params: VerifyParams,
          querystring: VerifyQuery,
          response: { 200: VerificationResult },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return verifyCertificate(ctx, request.params.certificateId, request.query.c, { ip: request.ip, via: 'api' });
      },
    );
  });

  app.get(
    '/.well-known/did.json',
    {
      schema: {
        operationId: 'getDidDocument',
        tags: ['verify'],
        summary: "The registry's DID document (did:web): the key that signs certificates and credentials",
        security: [],
        response: { 200: DidDocument },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return didDocument(ctx);
    },
  );

  app.post(
    '/api/events/:id/credential',
    {
      onRequest: [app.authenticate],
      schema: {
        operationId: 'issueCredential',
        tags: ['verify'],
        summary: 'Issue a registered record as a W3C verifiable credential (VC-JWT)',
        params: CredentialParams,
        response: { 201: IssuedCredential },
      },
    },
    async (request, reply) => reply.code(201).send(await issueCredential(ctx, request.user, request.params.id)),
  );

  app.get(
    '/api/credentials/status/:list',
    {
      schema: {
        operationId: 'getCredentialStatusList',
        tags: ['verify'],
        summary: 'A credential status list (StatusList2021, revocation) as a signed JWT',
        security: [],
        params: StatusListParams,
        produces: ['application/jwt'],
        response: { 200: z.string() },
      },
    },
    async (request, reply) =>
      reply
        .type('application/jwt')
        .header('cache-control', 'no-cache')
        .send(await statusListCredential(ctx, request.params.list)),
  );

  app.get(
    '/api/credentials/status/:list/suspension',
    {
      schema: {
        operationId: 'getCredentialSuspensionList',
        tags: ['verify'],
        summary: 'A credential suspension list (StatusList2021, suspension: registration revoked) as a signed JWT',
        security: [],
        params: StatusListParams,
        produces: ['application/jwt'],
        response: { 200: z.string() },
      },
    },
    async (request, reply) =>
      reply
        .type('application/jwt')
        .header('cache-control', 'no-cache')
        .send(await statusListCredential(ctx, request.params.list, 'suspension')),
  );
}
