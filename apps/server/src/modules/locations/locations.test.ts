import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../test/harness.ts';

let runtime: TestRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(() => runtime?.close());

const get = async (query: string) => {
  const res = await runtime.app.inject({ method: 'GET', url: `/api/locations${query}` });
  return { status: res.statusCode, body: res.json() };
};

describe('GET /api/locations (public)', () => {
  it('lists provinces by level, districts by parent, and pages', async () => {
    const provinces = await get('?type=ADMIN_AREA&level=1');
    expect(provinces.body.total).toBe(4);
    expect(provinces.body.results.map((l: { name: string }) => l.name)).toEqual([
      'Central',
      'Chuminga',
      'Pualula',
      'Sulaka',
    ]);
    const central = await get('?parentId=WoNZq5uKPT0&type=ADMIN_AREA&limit=2');
    expect(central.body.total).toBe(4);
    expect(central.body.results).toHaveLength(2);
    expect(central.body.results[0]).toEqual({
      id: expect.any(String),
      name: expect.any(String),
      type: 'ADMIN_AREA',
      parentId: 'WoNZq5uKPT0',
      level: 2,
    });
  });

  it('searches names by word starts and finds everything within an area', async () => {
    const found = await get('?q=ibombo dis&type=HEALTH_FACILITY');
    expect(found.body.results.map((l: { id: string }) => l.id)).toContain('t0qT1Vh8qi3');
    const withinIbombo = await get('?within=RNblUNSnSpQ&type=CRVS_OFFICE&limit=100');
    expect(withinIbombo.body.results.map((l: { name: string }) => l.name)).toContain('Ibombo District Office');
    expect(withinIbombo.body.results.every((l: { type: string }) => l.type === 'CRVS_OFFICE')).toBe(true);
  });

  it('answers one location, 404 for an unknown one, and 400 for bad paging', async () => {
    expect((await get('/t0qT1Vh8qi3')).body).toMatchObject({
      name: 'Ibombo District Hospital',
      type: 'HEALTH_FACILITY',
    });
    expect((await get('/nowhere')).status).toBe(404);
    expect((await get('?limit=0')).status).toBe(400);
    expect((await get('?type=PLANET')).status).toBe(400);
  });
});
