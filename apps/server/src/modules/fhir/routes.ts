import { capabilityStatement, errorIssue } from '@lifeline/fhir';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { plainJson } from '../../lib/fast-json.ts';
import { fhirOf } from './context.ts';
import { recordDocument } from './documents.ts';
import { FHIR_JSON, installOutcomeHandlers, sendOutcome } from './errors.ts';
import {
  createFhirLocation,
  readFhirLocation,
  searchFhirLocations,
  updateFhirLocation,
  type LocationQuery,
} from './locations.ts';
import { receiveNotification } from './notifications.ts';

const Resource = z.looseObject({ resourceType: z.string() }).describe('a FHIR R4 resource (application/fhir+json)');
const OperationOutcome = z
  .looseObject({
    resourceType: z.literal('OperationOutcome'),
    issue: z.array(z.looseObject({ severity: z.string(), code: z.string() })),
  })
  .describe('FHIR OperationOutcome: every issue, with the element concerned (FHIRPath) in expression');
/** Resources are typed by @types/fhir; the zod schemas above only document them in the OpenAPI. */
const body = (resource: { resourceType: string }) => resource as z.infer<typeof Resource>;
const errors = { 400: OperationOutcome, 401: OperationOutcome, 403: OperationOutcome, 404: OperationOutcome };
const LocationId = z.object({ id: z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'a FHIR id') });
const RecordId = z.object({ id: z.uuid() });
const token = z.string().min(1).max(500);
const LocationSearch = z.strictObject({
  _id: token.optional(),
  identifier: token.optional(),
  name: z.string().min(1).max(100).optional(),
  'name:contains': z.string().min(1).max(100).optional(),
  'name:exact': z.string().min(1).max(200).optional(),
  type: token.optional(),
  partof: z.string().min(1).max(100).optional(),
  _count: z.coerce.number().int().min(1).max(500).default(50),
  _offset: z.coerce.number().int().min(0).default(0),
  _format: z.enum(['json', 'application/json', 'application/fhir+json']).optional(),
  _pretty: z.enum(['true', 'false']).optional(),
});

/** Paths served, for 405 (known path, other method) versus 404 (unknown path). */
const KNOWN_PATHS: Array<[RegExp, string]> = [
  [/^\/fhir\/metadata$/, 'GET'],
  [/^\/fhir\/Location$/, 'GET, POST'],
  [/^\/fhir\/Location\/[^/]+$/, 'GET, PUT'],
  [/^\/fhir\/Composition\/[^/]+\/\$document$/, 'GET'],
  [/^\/fhir\/Bundle$/, 'POST'],
  [/^\/fhir\/Bundle\/[^/]+$/, 'GET'],
];

/**
 * FHIR R4 under /fhir: the CapabilityStatement, the registry's locations (public reads, writes for holders of
 * config.update-all), records as documents, and notifications from health systems. Every answer is
 * application/fhir+json, every error an OperationOutcome.
 */
export async function fhirRoutes(app: ApiApp, ctx: AppContext) {
  await app.register(
    async (fhir: ApiApp) => {
      installOutcomeHandlers(fhir);
      const tags = ['fhir'];
      const auth = { onRequest: [app.authenticate], ...plainJson };
      const started = new Date().toISOString();

      fhir.get(
        '/metadata',
        {
          ...plainJson,
          schema: {
            operationId: 'fhirCapabilities',
            tags,
            summary: 'FHIR CapabilityStatement: what /fhir serves',
            security: [],
            response: { 200: Resource },
          },
        },
        async (_request, reply) =>
          reply
            .type(FHIR_JSON)
            .send(body(capabilityStatement(fhirOf(ctx).fhir, { name: 'Lifeline', version: '0.1.0', date: started }))),
      );

      fhir.get(
        '/Location',
        {
          ...plainJson,
          schema: {
            operationId: 'fhirSearchLocations',
            tags,
            summary: 'Search locations (a searchset Bundle with paging links)',
            security: [],
            querystring: LocationSearch,
            response: { 200: Resource, 400: OperationOutcome },
          },
        },
        async (request, reply) =>
          reply.type(FHIR_JSON).send(body(await searchFhirLocations(ctx, request.query as LocationQuery))),
      );

      fhir.get(
        '/Location/:id',
        {
          ...plainJson,
          schema: {
            operationId: 'fhirReadLocation',
            tags,
            summary: 'One location',
            security: [],
            params: LocationId,
            response: { 200: Resource, ...errors },
          },
        },
        async (request, reply) => reply.type(FHIR_JSON).send(body(await readFhirLocation(ctx, request.params.id))),
      );

      fhir.post(
        '/Location',
        {
          ...auth,
          schema: {
            operationId: 'fhirCreateLocation',
            tags,
            summary: 'Create a location (scope config.update-all)',
            body: z.unknown().describe('a FHIR Location'),
            response: { 201: Resource, ...errors, 409: OperationOutcome },
          },
        },
        async (request, reply) => {
          const created = await createFhirLocation(ctx, request.user, request.body);
          return reply
            .code(201)
            .header('location', `${fhirOf(ctx).fhir.serverBase}/Location/${created.id}`)
            .type(FHIR_JSON)
            .send(body(created));
        },
      );

      fhir.put(
        '/Location/:id',
        {
          ...auth,
          schema: {
            operationId: 'fhirUpdateLocation',
            tags,
            summary: 'Rename a location (scope config.update-all)',
            params: LocationId,
            body: z.unknown().describe('the FHIR Location, changed'),
            response: { 200: Resource, ...errors },
          },
        },
        async (request, reply) =>
          reply
            .type(FHIR_JSON)
            .send(body(await updateFhirLocation(ctx, request.user, request.params.id, request.body))),
      );

      const document = async (request: { user: Parameters<typeof recordDocument>[1]; params: { id: string } }) =>
        recordDocument(ctx, request.user, request.params.id);
      fhir.get(
        '/Composition/:id/$document',
        {
          ...auth,
          schema: {
            operationId: 'fhirCompositionDocument',
            tags,
            summary: 'A record as a FHIR document Bundle (for callers allowed to read it)',
            params: RecordId,
            response: { 200: Resource, ...errors },
          },
        },
        async (request, reply) => reply.type(FHIR_JSON).send(body(await document(request))),
      );
      fhir.get(
        '/Bundle/:id',
        {
          ...auth,
          schema: {
            operationId: 'fhirReadBundle',
            tags,
            summary: 'A record as a FHIR document Bundle',
            params: RecordId,
            response: { 200: Resource, ...errors },
          },
        },
        async (request, reply) => reply.type(FHIR_JSON).send(body(await document(request))),
      );

      fhir.post(
        '/Bundle',
        {
          ...auth,
          schema: {
            operationId: 'fhirNotify',
            tags,
            summary: 'Notify a birth or death (Bundle of type document, collection or transaction)',
            description:
              'Creates a NOTIFIED record (201), or answers the record an earlier Bundle with the same identifier made (200). ' +
              'Prefer: return=representation answers the record as a document instead of an OperationOutcome.',
            headers: z.object({ prefer: z.string().optional() }),
            body: z.unknown().describe('a FHIR Bundle'),
            response: { 200: Resource, 201: Resource, ...errors },
          },
        },
        async (request, reply) => {
          const { created, record, outcome } = await receiveNotification(ctx, request.user, request.body);
          const base = fhirOf(ctx).fhir.serverBase;
          reply
            .code(created ? 201 : 200)
            .header('location', `${base}/Bundle/${record.id}`)
            .header('etag', `W/"${record.version}"`)
            .type(FHIR_JSON);
          if (/return=representation/.test(request.headers.prefer ?? '')) {
            return reply.send(body(await recordDocument(ctx, request.user, record.id)));
          }
          return reply.send(body(outcome));
        },
      );

      const unknown = async (request: FastifyRequest, reply: FastifyReply) => {
        const path = request.url.split('?')[0];
        const known = KNOWN_PATHS.find(([pattern]) => pattern.test(path));
        if (!known) {
          return sendOutcome(reply, 404, [
            errorIssue('not-supported', `no FHIR interaction ${request.method} ${path}; see /fhir/metadata`),
          ]);
        }
        reply.header('allow', known[1]);
        return sendOutcome(reply, 405, [
          errorIssue('not-supported', `${request.method} is not served on ${path} (allowed: ${known[1]})`),
        ]);
      };
      // Ahead of the web app's catch-all: nothing under /fhir answers HTML.
      fhir.all('/', { schema: { hide: true } }, unknown);
      fhir.all('/*', { schema: { hide: true } }, unknown);
    },
    { prefix: '/fhir' },
  );
}
