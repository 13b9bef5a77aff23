import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import FindMyWay from 'find-my-way';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Paths only machines call: an unknown one is answered with a problem+json 404 (or 405), never the web app's HTML,
 * so a client that mistypes a route or probes for metrics gets an answer it can read.
 */
const MACHINE_PATH =
  /^\/(api|fhir|\.well-known|metrics|graphql|healthz?|livez|readyz|status|ping|version|actuator|openapi(\.json)?)(\/|$|\.)/i;

export function isMachinePath(url: string): boolean {
  return MACHINE_PATH.test(url.split('?')[0]);
}

/**
 * Which methods each known path answers, for 405 Method Not Allowed with an `Allow` header. Collected from every
 * route as it is registered (install before the routes), except the web app's catch-all.
 */
export function trackRouteMethods(app: FastifyInstance): (path: string) => string[] {
  const router = FindMyWay();
  const seen = new Set<string>();
  app.addHook('onRoute', (route) => {
    if (route.url === '/*' || route.url === '*') return;
    for (const method of [route.method].flat()) {
      const key = `${method} ${route.url}`;
      if (seen.has(key) || !(METHODS as readonly string[]).includes(method)) continue;
      seen.add(key);
      router.on(method as (typeof METHODS)[number], route.url, () => undefined);
    }
  });
  return (path) => METHODS.filter((method) => router.find(method, path) !== null);
}

/** A request no route takes: 405 with `Allow` when the path exists under other methods, else 404; problem+json. */
export function replyNoRoute(
  request: FastifyRequest,
  reply: FastifyReply,
  allowedMethods: (path: string) => string[],
): FastifyReply {
  const path = request.url.split('?')[0];
  const allowed = allowedMethods(path);
  const status = allowed.length ? 405 : 404;
  if (allowed.length) reply.header('allow', allowed.join(', '));
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: 'about:blank',
      title: status === 405 ? 'Method Not Allowed' : 'Not Found',
      status,
      detail: allowed.length
        ? `${path} answers ${allowed.join(', ')}, not ${request.method}`
        : `no route ${request.method} ${path}`,
    });
}
