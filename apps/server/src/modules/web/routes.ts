import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { ApiApp } from '../../app.ts';

/** The built web app (apps/web/dist), served at `/`. */
export const WEB_DIST = path.resolve(import.meta.dirname, '../../../../web/dist');

/**
 * Serve the web app's files, and index.html for any other GET outside the API so the app's own routes
 * (/workqueues, /records/...) load on refresh. Without a build, the API still works and `/` says how to build.
 */
export async function webRoutes(app: ApiApp): Promise<void> {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/plain').send('The web app is not built: run `npm run build` (npm start does it for you).'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    wildcard: false,
    // Hashed assets never change; index.html and the service worker must always be revalidated.
    setHeaders: (res, filePath) => {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split('?')[0];
    if (url.startsWith('/api/') || url.startsWith('/.well-known/')) {
      return reply
        .code(404)
        .type('application/problem+json')
        .send({
          type: 'about:blank',
          title: 'Not Found',
          status: 404,
          detail: `no route GET ${url}`,
        });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
