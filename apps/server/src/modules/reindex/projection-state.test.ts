import { tokenWords } from '@lifeline/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { login, startTestRuntime, type TestRuntime } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';
import { PROJECTION_VERSION } from '../events/projection.ts';
import { ensureProjectionCurrent } from './projection-state.ts';

let runtime: TestRuntime;

const version = async () =>
  (await sql<{ version: number }>`SELECT version FROM projection_state WHERE id = 1`.execute(runtime.ctx.db)).rows[0]
    ?.version;
const nameWords = async () =>
  (
    await sql<{ event_id: string; name_words: string[] }>`
      SELECT event_id, name_words FROM event_index ORDER BY event_id`.execute(runtime.ctx.db)
  ).rows;

beforeAll(async () => {
  runtime = await startTestRuntime();
  const api = recordsClient(runtime);
  const registrar = await login(runtime, 'k.mweene');
  for (let i = 0; i < 3; i++) {
    const record = (await api.create(registrar, 'birth')).json();
    const res = await api.act(registrar, record.id, 'DECLARE', { declaration: birthDeclaration() });
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(() => runtime?.close());

describe('ensureProjectionCurrent', () => {
  it('records the current version on a database that has none', async () => {
    await sql`DELETE FROM projection_state`.execute(runtime.ctx.db);
    await ensureProjectionCurrent(runtime.ctx);
    expect(await version()).toBe(PROJECTION_VERSION);
  });

  it('rebuilds rows computed by an older projection, and fills the lexicon with their words', async () => {
    const current = await nameWords();
    expect(current.every((r) => r.name_words.length > 0)).toBe(true);
    // As a database migrated from before name words: the column empty, the lexicon too, version 1.
    await sql`UPDATE event_index SET name_words = '{}'`.execute(runtime.ctx.db);
    await sql`DELETE FROM name_lexicon`.execute(runtime.ctx.db);
    await sql`UPDATE projection_state SET version = 1`.execute(runtime.ctx.db);

    await ensureProjectionCurrent(runtime.ctx);

    expect(await nameWords()).toEqual(current);
    const lexicon = (await sql<{ word: string }>`SELECT DISTINCT word FROM name_lexicon`.execute(runtime.ctx.db)).rows;
    expect(lexicon.map((r) => r.word).sort()).toEqual(tokenWords(current.flatMap((r) => r.name_words)));
    expect(await version()).toBe(PROJECTION_VERSION);
  });

  it('leaves a current projection alone', async () => {
    await sql`UPDATE event_index SET title = 'left alone'`.execute(runtime.ctx.db);
    await ensureProjectionCurrent(runtime.ctx);
    const titles = await sql<{ title: string }>`SELECT DISTINCT title FROM event_index`.execute(runtime.ctx.db);
    expect(titles.rows).toEqual([{ title: 'left alone' }]);
  });
});
