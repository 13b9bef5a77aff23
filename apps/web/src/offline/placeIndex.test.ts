import type { Location } from '@lifeline/domain';
import { describe, expect, it } from 'vitest';
import { PlaceIndex } from './placeIndex.ts';

const places: Location[] = [
  { id: 'central', name: 'Central', type: 'ADMIN_AREA', parentId: null, level: 1 },
  { id: 'ibombo', name: 'Ibombo', type: 'ADMIN_AREA', parentId: 'central', level: 2 },
  { id: 'isamba', name: 'Isamba', type: 'ADMIN_AREA', parentId: 'central', level: 2 },
  { id: 'sulaka', name: 'Sulaka', type: 'ADMIN_AREA', parentId: null, level: 1 },
  { id: 'ilanga', name: 'Ilanga', type: 'ADMIN_AREA', parentId: 'sulaka', level: 2 },
  { id: 'h1', name: 'Ibombo District Hospital', type: 'HEALTH_FACILITY', parentId: 'ibombo' },
  { id: 'h2', name: 'Ilanga District Hospital', type: 'HEALTH_FACILITY', parentId: 'ilanga' },
  { id: 'h3', name: 'Isamba Clinic', type: 'HEALTH_FACILITY', parentId: 'isamba' },
  { id: 'h4', name: 'Hôpital Saint-Étienne', type: 'HEALTH_FACILITY', parentId: 'ilanga' },
  { id: 'o1', name: 'Ibombo District Office', type: 'CRVS_OFFICE', parentId: 'ibombo' },
];

describe('PlaceIndex', () => {
  const index = new PlaceIndex(places);

  it('finds places by the starts of their words, any case and accent, of the types asked', () => {
    const names = (q: string, types?: Location['type'][]) => index.search(q, { types }).map((l) => l.name);
    expect(names('ibo dis')).toEqual(['Ibombo District Hospital', 'Ibombo District Office']);
    expect(names('dis hosp', ['HEALTH_FACILITY'])).toEqual(['Ibombo District Hospital', 'Ilanga District Hospital']);
    expect(names('saint etienne')).toEqual(['Hôpital Saint-Étienne']);
    expect(names('HO')).toEqual(['Hôpital Saint-Étienne', 'Ibombo District Hospital', 'Ilanga District Hospital']);
    expect(names('nowhere')).toEqual([]);
  });

  it('puts names starting with the text first, then places near the user, then the rest by name', () => {
    const found = index.search('district', { types: ['HEALTH_FACILITY'], near: 'sulaka' });
    expect(found.map((l) => l.id)).toEqual(['h2', 'h1']);
    expect(index.search('', { types: ['HEALTH_FACILITY'], near: 'central' }).map((l) => l.id)).toEqual(['h1', 'h3']);
    expect(index.search('i', { limit: 2 })).toHaveLength(2);
  });

  it('answers the address lists: areas under an area, and the chain above a place', () => {
    expect(index.childAreas(null).map((l) => l.name)).toEqual(['Central', 'Sulaka']);
    expect(index.childAreas('central').map((l) => l.name)).toEqual(['Ibombo', 'Isamba']);
    expect(index.childAreas('ibombo')).toEqual([]);
    expect(index.path('h1')).toEqual(['central', 'ibombo', 'h1']);
    expect(index.isWithin('h4', 'sulaka')).toBe(true);
  });
});
