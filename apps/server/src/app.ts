import fastifyCompress from '@fastify/compress';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppContext } from './context.ts';
import { compressOptions } from './lib/compress.ts';
import { installJsonParser } from './lib/json-body.ts';
import { trackRouteMethods } from './lib/no-route.ts';
import { frameworkError, installProblemHandlers } from './lib/problem.ts';
import { installSecurityHeaders } from './lib/security-headers.ts';
import { documentCommonErrors, problemMediaType } from './lib/openapi-document.ts';
import { createAuthenticator } from './modules/auth/authenticate.ts';
import type { SigningKeys } from './modules/auth/keys.ts';
import { accountRoutes } from './modules/auth/account-routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { configRoutes } from './modules/config/routes.ts';
import { eventRoutes } from './modules/events/routes.ts';
import { fhirFrameworkError } from './modules/fhir/errors.ts';
import { fhirRoutes } from './modules/fhir/routes.ts';
import { fileRoutes } from './modules/files/routes.ts';
import { uploadRoutes } from './modules/files/upload-routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { locationRoutes } from './modules/locations/routes.ts';
import { locationSyncRoutes } from './modules/locations/sync-routes.ts';
import { webRoutes } from './modules/web/routes.ts';
import { searchRoutes } from './modules/search/routes.ts';
import { workqueueRoutes } from './modules/workqueues/routes.ts';
import { savedSearchRoutes } from './modules/saved-searches/routes.ts';
import { userRoutes } from './modules/users/routes.ts';
import { certificateRoutes } from './modules/certificates/routes.ts';
import { certificatePreviewRoutes } from './modules/certificates/preview-routes.ts';
import { paymentRoutes } from './modules/payments/routes.ts';
import { verifyRoutes } from './modules/verify/routes.ts';
import { checkpointRoutes } from './modules/checkpoints/index.ts';
import { outboxRoutes } from './modules/outbox/routes.ts';
import { settingsRoutes } from './modules/settings/routes.ts';
import { contentRoutes } from './modules/content/routes.ts';
import { certificateTemplateRoutes } from './modules/certificate-templates/routes.ts';
import { familyMessageRoutes } from './modules/families/routes.ts';
import { commsRoutes } from './modules/comms/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { helpRoutes } from './modules/help/routes.ts';
import { statisticsRoutes } from './modules/statistics/routes.ts';
import { integrationRoutes, tokenRoutes } from './modules/integrations/index.ts';
import { webhookRoutes } from './modules/webhooks/index.ts';
import { confirmationRoutes, identityCheckRoutes } from './modules/national-id/index.ts';
import { importRoutes } from './modules/imports/routes.ts';
import { paperRoutes } from './modules/paper/routes.ts';

export type ApiApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Largest JSON body accepted; declarations are small, files go through the files API. */
export const JSON_BODY_LIMIT = 1024 * 1024;

export async function buildApp(ctx: AppContext, keys: SigningKeys): Promise<ApiApp> {
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: ctx.env.trustProxy,
    logController: new LogController({ disableRequestLogging: ctx.env.logLevel !== 'debug' }),
    frameworkErrors: (error, request, reply) =>
      request.url.startsWith('/fhir')
        ? fhirFrameworkError(error, request, reply)
        : frameworkError(error, request, reply),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const allowedMethods = trackRouteMethods(app);
  installProblemHandlers(app, allowedMethods);
  installJsonParser(app, JSON_BODY_LIMIT);
  await installSecurityHeaders(app, ctx.env.publicUrl);
  await app.register(fastifyCompress, compressOptions);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lifeline API',
        version: '0.1.0',
        description: 'Civil registration: records of births and deaths, from declaration to registration.',
      },
      servers: [{ url: ctx.env.publicUrl, description: 'this registry' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    // Lifts shared and recursive schemas (the search query) into components, so every $ref resolves.
    transformObject: (document) => problemMediaType(jsonSchemaTransformObject(document)),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  documentCommonErrors(app);
  app.decorateRequest('user', null as never);
  app.decorate('authenticate', createAuthenticator(keys, ctx));

  healthRoutes(app, ctx);
  await authRoutes(app, ctx, keys);
  await tokenRoutes(app, ctx, keys);
  await accountRoutes(app, ctx);
  await userRoutes(app, ctx);
  configRoutes(app, ctx);
  settingsRoutes(app, ctx);
  contentRoutes(app, ctx);
  certificateTemplateRoutes(app, ctx);
  familyMessageRoutes(app, ctx);
  commsRoutes(app, ctx);
  locationSyncRoutes(app, ctx);
  locationRoutes(app, ctx);
  eventRoutes(app, ctx);
  searchRoutes(app, ctx);
  workqueueRoutes(app, ctx);
  savedSearchRoutes(app, ctx);
  await fileRoutes(app, ctx);
  await uploadRoutes(app, ctx);
  await certificateRoutes(app, ctx);
  certificatePreviewRoutes(app, ctx);
  paymentRoutes(app, ctx);
  await verifyRoutes(app, ctx);
  checkpointRoutes(app, ctx);
  outboxRoutes(app, ctx);
  auditRoutes(app, ctx);
  helpRoutes(app, ctx);
  await fhirRoutes(app, ctx);
  await importRoutes(app, ctx);
  await paperRoutes(app, ctx);
  statisticsRoutes(app, ctx);
  integrationRoutes(app, ctx);
  webhookRoutes(app, ctx);
  confirmationRoutes(app, ctx);
  identityCheckRoutes(app, ctx);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await webRoutes(app, allowedMethods);
  return app;
}
