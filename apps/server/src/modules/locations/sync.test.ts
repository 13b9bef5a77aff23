import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../test/harness.ts';
import { seedLocations } from './seed.ts';

let runtime: TestRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(() => runtime?.close());

interface SyncPage {
  results: Array<{ id: string; name: string; type: string; parentId: string | null }>;
  removed: string[];
  next: string | null;
  syncedAt: string;
}

const sync = async (query: Record<string, string>) => {
  const res = await runtime.app.inject({ method: 'GET', url: `/api/locations/sync?${new URLSearchParams(query)}` });
  return { status: res.statusCode, body: res.json() as SyncPage };
};

/** Pretend the last change of every location was long ago, as it is on a server that has run for a while. */
const ageAll = async () => {
  // Past the trigger, which would stamp the change itself.
  await sql`ALTER TABLE locations DISABLE TRIGGER locations_changed`.execute(runtime.ctx.db);
  await sql`UPDATE locations SET updated_at = now() - interval '1 day'`.execute(runtime.ctx.db);
  await sql`ALTER TABLE locations ENABLE TRIGGER locations_changed`.execute(runtime.ctx.db);
};

describe('GET /api/locations/sync', () => {
  it('pages through every location by id, then sends only what changed after updatedSince', async () => {
    const total = runtime.ctx.country.config.locations.length;
    const ids: string[] = [];
    let after: string | undefined;
    let syncedAt = '';
    for (;;) {
      const page = await sync({ limit: '150', ...(after ? { after } : {}) });
      expect(page.status).toBe(200);
      syncedAt ||= page.body.syncedAt;
      ids.push(...page.body.results.map((l) => l.id));
      if (!page.body.next) break;
      after = page.body.next;
    }
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect([...ids].sort()).toEqual(ids);

    await ageAll();
    // The start-up seed writes the same values again: nothing is reported as changed.
    await seedLocations(runtime.ctx);
    expect((await sync({ updatedSince: syncedAt })).body.results).toEqual([]);

    await sql`UPDATE locations SET name = 'Ibombo District Hospital (new wing)' WHERE id = 't0qT1Vh8qi3'`.execute(
      runtime.ctx.db,
    );
    await sql`INSERT INTO locations (id, name, type, parent_id, level, path)
              VALUES ('new-clinic-1', 'Chuminga Clinic', 'HEALTH_FACILITY', NULL, NULL, '/new-clinic-1/')`.execute(
      runtime.ctx.db,
    );
    await sql`DELETE FROM locations WHERE id = 'new-clinic-1'`.execute(runtime.ctx.db);
    await sql`INSERT INTO locations (id, name, type, parent_id, level, path)
              VALUES ('new-clinic-2', 'Isamba Clinic', 'HEALTH_FACILITY', NULL, NULL, '/new-clinic-2/')`.execute(
      runtime.ctx.db,
    );
    const changes = await sync({ updatedSince: syncedAt });
    expect(changes.body.results.map((l) => [l.id, l.name])).toEqual([
      ['new-clinic-2', 'Isamba Clinic'],
      ['t0qT1Vh8qi3', 'Ibombo District Hospital (new wing)'],
    ]);
    expect(changes.body.removed).toEqual(['new-clinic-1']);
    expect(changes.body.next).toBeNull();
    await sql`DELETE FROM locations WHERE id = 'new-clinic-2'`.execute(runtime.ctx.db);
    await seedLocations(runtime.ctx);
  });

  it('answers 400 naming the field for a bad updatedSince or limit', async () => {
    const bad = await sync({ updatedSince: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('updatedSince');
    expect((await sync({ limit: '0' })).status).toBe(400);
  });
});
