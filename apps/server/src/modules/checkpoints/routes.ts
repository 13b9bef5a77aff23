import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { problems } from '../../lib/problem-schema.ts';
import { published } from './published.ts';
import { checkpointById, latestCheckpoint } from './repository.ts';
import { CheckpointParams, PublishedCheckpoint } from './schemas.ts';

/**
 * The register's signed checkpoints, public: no personal data (hashes of chain heads only), and the point is that
 * anyone may keep copies outside the registry's database (see docs/operations.md).
 */
export function checkpointRoutes(app: ApiApp, ctx: AppContext) {
  app.get(
    '/api/register/checkpoints/latest',
    {
      schema: {
        tags: ['verify'],
        operationId: 'latestCheckpoint',
        summary: 'The latest signed checkpoint of the register',
        security: [],
        response: { 200: PublishedCheckpoint, ...problems(404) },
      },
    },
    async () => {
      const row = await latestCheckpoint(ctx.db);
      if (!row) throw notFound('no checkpoint has been written yet');
      return published(row);
    },
  );
  app.get(
    '/api/register/checkpoints/:id',
    {
      schema: {
        tags: ['verify'],
        operationId: 'getCheckpoint',
        summary: 'One signed checkpoint of the register, by number',
        security: [],
        params: CheckpointParams,
        response: { 200: PublishedCheckpoint, ...problems(404) },
      },
    },
    async (request) => {
      const row = await checkpointById(ctx.db, request.params.id);
      if (!row) throw notFound(`checkpoint ${request.params.id} does not exist`);
      return published(row);
    },
  );
}
