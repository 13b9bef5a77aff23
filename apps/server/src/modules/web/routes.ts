import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { ApiApp } from '../../app.ts';
import { isMachinePath, replyNoRoute } from '../../lib/no-route.ts';

/** The built web app (apps/web/dist), served at `/`. */
export const WEB_DIST = path.resolve(import.meta.dirname, '../../../../web/dist');

/**
 * Serve the web app's files, and index.html for any other GET outside the API so the app's own routes
 * (/workqueues, /records/...) load on refresh. Without a build, the API still works and `/` says how to build.
 */
export async function webRoutes(app: ApiApp, allowedMethods: (path: string) => string[]): Promise<void> {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/plain').send('The web app is not built: run `npm run build` (npm start does it for you).'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    wildcard: false,
    // The build writes .br and .gz beside each file (apps/web/vite.config.ts): sent as the browser accepts.
    preCompressed: true,
    // Hashed assets never change; index.html and the service worker must always be revalidated.
    setHeaders: (res, filePath) => {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    // Machines get problem+json (405 when the path takes another method); people get the app's own routes.
    if (isMachinePath(request.url) || allowedMethods(request.url.split('?')[0]).length) {
      return replyNoRoute(request, reply, allowedMethods);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
