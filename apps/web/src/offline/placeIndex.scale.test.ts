import type { Location } from '@lifeline/domain';
import { describe, expect, it } from 'vitest';
import { PlaceIndex } from './placeIndex.ts';

const SYLLABLES = ['ka', 'lu', 'mbo', 'chi', 'nga', 'wa', 'si', 'to', 'ma', 'ze', 'ri', 'bu', 'ndo', 'pa', 'ye', 'ko'];
const KINDS = ['Clinic', 'Health Post', 'Rural Health Centre', 'District Hospital', 'Mission Hospital', 'Dispensary'];

/** A made-up but name-like word, the same for the same n. */
function word(n: number): string {
  let text = '';
  for (let k = n, i = 0; i < 3; i++, k = Math.floor(k / SYLLABLES.length)) text += SYLLABLES[k % SYLLABLES.length];
  return text[0].toUpperCase() + text.slice(1);
}

/**
 * A country of 100,000 places: 10 provinces, 200 districts, 5,000 wards, 4,790 offices and 90,000 health facilities,
 * named as real ones are ("Kaluchi Rural Health Centre"), many sharing words.
 */
function syntheticCountry(): Location[] {
  const places: Location[] = [];
  for (let p = 0; p < 10; p++)
    places.push({ id: `p${p}`, name: `${word(p * 97)} Province`, type: 'ADMIN_AREA', parentId: null, level: 1 });
  for (let d = 0; d < 200; d++)
    places.push({ id: `d${d}`, name: word(d * 31 + 7), type: 'ADMIN_AREA', parentId: `p${d % 10}`, level: 2 });
  for (let w = 0; w < 5000; w++)
    places.push({
      id: `w${w}`,
      name: `${word(w * 13 + 3)} Ward`,
      type: 'ADMIN_AREA',
      parentId: `d${w % 200}`,
      level: 3,
    });
  for (let o = 0; o < 4790; o++)
    places.push({
      id: `o${o}`,
      name: `${word(o * 7 + 1)} Registry Office`,
      type: 'CRVS_OFFICE',
      parentId: `w${o % 5000}`,
    });
  for (let f = 0; f < 90_000; f++) {
    places.push({
      id: `f${f}`,
      name: `${word(f * 11 + 5)} ${KINDS[f % KINDS.length]}`,
      type: 'HEALTH_FACILITY',
      parentId: `w${f % 5000}`,
    });
  }
  return places;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

describe('places on the device at the scale of a large country', () => {
  it('answers each keystroke of a facility search among 100,000 places', () => {
    const places = syntheticCountry();
    expect(places).toHaveLength(100_000);
    const built = performance.now();
    const index = new PlaceIndex(places);
    const buildMs = performance.now() - built;

    // What people type, one keystroke at a time: a facility's name, a name and its kind, a single letter.
    const typed = ['Kaluchi Rural', 'lumbo clinic', 'Ngawasi Health Post', 'k', 'mission hos', 'Zeri dist'];
    const times: number[] = [];
    let found = 0;
    for (const text of typed) {
      for (let i = 1; i <= text.length; i++) {
        const start = performance.now();
        const results = index.search(text.slice(0, i), { types: ['HEALTH_FACILITY'], near: 'd3' });
        times.push(performance.now() - start);
        found += results.length;
        expect(results.length).toBeLessThanOrEqual(20);
        expect(results.every((l) => l.type === 'HEALTH_FACILITY')).toBe(true);
      }
    }
    // Correct as well as quick: the words typed are in every name found.
    const hits = index.search('mission hos', { types: ['HEALTH_FACILITY'] });
    expect(hits.length).toBe(20);
    for (const l of hits) expect(l.name.toLowerCase()).toMatch(/mission hos/);
    expect(
      index.search('', { types: ['HEALTH_FACILITY'], near: 'w42' }).every((l) => index.isWithin(l.id, 'w42')),
    ).toBe(true);
    expect(index.childAreas('d3').length).toBe(25);

    times.sort((a, b) => a - b);
    console.log(
      `Place search on the device, 100,000 places (Node ${process.version}): index built in ${buildMs.toFixed(0)} ms; ` +
        `${times.length} keystrokes: p50 ${percentile(times, 0.5).toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms, ` +
        `max ${times.at(-1)!.toFixed(2)} ms (${found} results shown)`,
    );
  }, 120_000);
});
