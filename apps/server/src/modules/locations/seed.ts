import type { LocationType } from '@lifeline/domain';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';

const CHUNK = 1000;

/**
 * Write the country's locations and statistics into the database (insert or update), so SQL can filter and
 * page them. Runs at every start; the config files remain the source of truth.
 */
export async function seedLocations(ctx: Pick<AppContext, 'db' | 'country'>): Promise<void> {
  const { locations, config } = ctx.country;
  const rows = config.locations.map((l) => ({
    id: l.id,
    name: l.name,
    type: l.type,
    parent_id: l.parentId,
    level: l.level ?? null,
    path: locations.pathString(l.id),
  }));
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx
        .insertInto('locations')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet({
              name: sql`excluded.name`,
              type: sql`excluded.type`,
              parent_id: sql`excluded.parent_id`,
              level: sql`excluded.level`,
              path: sql`excluded.path`,
            })
            // A location changed through the API keeps its changes.
            .where('locations.source', '=', 'config'),
        )
        .execute();
    }
    const stats = config.statistics.map((s) => ({
      location_id: s.locationId,
      year: s.year,
      male_population: s.malePopulation,
      female_population: s.femalePopulation,
      population: s.population,
      crude_birth_rate: s.crudeBirthRate,
    }));
    for (let i = 0; i < stats.length; i += CHUNK) {
      await trx
        .insertInto('location_statistics')
        .values(stats.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc.columns(['location_id', 'year']).doUpdateSet({
            male_population: sql`excluded.male_population`,
            female_population: sql`excluded.female_population`,
            population: sql`excluded.population`,
            crude_birth_rate: sql`excluded.crude_birth_rate`,
          }),
        )
        .execute();
    }
  });
  await loadApiLocations(ctx);
}

/** Put the locations created or changed through the API into the in-memory tree, over the configured ones. */
export async function loadApiLocations(ctx: Pick<AppContext, 'db' | 'country'>): Promise<void> {
  const rows = await ctx.db.selectFrom('locations').selectAll().where('source', '=', 'api').orderBy('path').execute();
  for (const row of rows) {
    ctx.country.locations.upsert({
      id: row.id,
      name: row.name,
      type: row.type as LocationType,
      parentId: row.parent_id,
      ...(row.level !== null ? { level: row.level } : {}),
    });
  }
}
