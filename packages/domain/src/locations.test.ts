import { describe, expect, it } from 'vitest';
import { Location, LocationTree, type LocationType } from './locations.ts';

const loc = (id: string, type: LocationType, parentId: string | null): Location => ({ id, name: id, type, parentId });
const area = (id: string, parentId: string | null = null) => loc(id, 'ADMIN_AREA', parentId);

/** Central > Ibombo > (Isamba office, Ibombo hospital); Sulaka; a national office outside every area. */
const tree = new LocationTree([
  area('central'),
  area('ibombo', 'central'),
  loc('isamba-office', 'CRVS_OFFICE', 'ibombo'),
  loc('ibombo-hospital', 'HEALTH_FACILITY', 'ibombo'),
  area('sulaka'),
  loc('hq', 'CRVS_OFFICE', null),
]);

describe('LocationTree lookups', () => {
  it('gets locations by id and counts them', () => {
    expect(tree.get('ibombo')?.name).toBe('ibombo');
    expect(tree.get('nowhere')).toBeUndefined();
    expect(tree.size).toBe(6);
    expect([...tree.all()].map((l) => l.id)).toContain('hq');
  });
});

describe('LocationTree.path', () => {
  it('runs from the top-level area down to the location itself', () => {
    expect(tree.path('isamba-office')).toEqual(['central', 'ibombo', 'isamba-office']);
    expect(tree.path('ibombo')).toEqual(['central', 'ibombo']);
    expect(tree.path('central')).toEqual(['central']);
  });

  it('is only the location for a national office', () => {
    expect(tree.path('hq')).toEqual(['hq']);
  });

  it('is empty for an unknown id', () => {
    expect(tree.path('nowhere')).toEqual([]);
  });

  it('stops at a parent that is not in the tree', () => {
    const orphan = new LocationTree([area('district', 'missing-province')]);
    expect(orphan.path('district')).toEqual(['district']);
  });

  it('is the same when asked twice (cached)', () => {
    expect(tree.path('ibombo-hospital')).toEqual(tree.path('ibombo-hospital'));
  });
});

describe('LocationTree.isWithin', () => {
  it('is true for the area itself and everything under it', () => {
    expect(tree.isWithin('central', 'central')).toBe(true);
    expect(tree.isWithin('ibombo', 'central')).toBe(true);
    expect(tree.isWithin('ibombo-hospital', 'central')).toBe(true);
    expect(tree.isWithin('isamba-office', 'ibombo')).toBe(true);
  });

  it('is false for other areas, for children-to-parent and for unknown ids', () => {
    expect(tree.isWithin('ibombo', 'sulaka')).toBe(false);
    expect(tree.isWithin('central', 'ibombo')).toBe(false);
    expect(tree.isWithin('hq', 'central')).toBe(false);
    expect(tree.isWithin('nowhere', 'central')).toBe(false);
  });
});

describe('LocationTree.areaOf', () => {
  it('is the area itself for an area', () => {
    expect(tree.areaOf('ibombo')).toBe('ibombo');
    expect(tree.areaOf('central')).toBe('central');
  });

  it('is the parent area for an office or a facility', () => {
    expect(tree.areaOf('isamba-office')).toBe('ibombo');
    expect(tree.areaOf('ibombo-hospital')).toBe('ibombo');
  });

  it('is null for a national office and for an unknown id', () => {
    expect(tree.areaOf('hq')).toBeNull();
    expect(tree.areaOf('nowhere')).toBeNull();
  });
});

describe('LocationTree.pathString', () => {
  it('joins the path between slashes', () => {
    expect(tree.pathString('ibombo-hospital')).toBe('/central/ibombo/ibombo-hospital/');
    expect(tree.pathString('central')).toBe('/central/');
    expect(tree.pathString('hq')).toBe('/hq/');
  });

  it('gives prefixes for descendants, so SQL LIKE prefix queries find them', () => {
    expect(tree.pathString('ibombo-hospital').startsWith(tree.pathString('ibombo'))).toBe(true);
    expect(tree.pathString('sulaka').startsWith(tree.pathString('central'))).toBe(false);
  });
});

describe('LocationTree with a cycle', () => {
  const cyclic = new LocationTree([area('a', 'b'), area('b', 'c'), area('c', 'a'), area('self', 'self')]);

  it('path terminates and lists each location once', () => {
    expect(cyclic.path('a')).toEqual(['c', 'b', 'a']);
    expect(cyclic.path('self')).toEqual(['self']);
  });

  it('isWithin and pathString terminate', () => {
    expect(cyclic.isWithin('a', 'c')).toBe(true);
    expect(cyclic.isWithin('a', 'z')).toBe(false);
    expect(cyclic.pathString('c')).toBe('/b/a/c/');
  });
});

describe('Location schema', () => {
  it('accepts a national office without parent and refuses an unknown type', () => {
    expect(Location.safeParse({ id: 'hq', name: 'HQ', type: 'CRVS_OFFICE', parentId: null }).success).toBe(true);
    expect(Location.safeParse({ id: 'x', name: 'X', type: 'VILLAGE', parentId: null }).success).toBe(false);
  });

  it('requires parentId to be given (null for top level), never an empty string', () => {
    expect(Location.safeParse({ id: 'x', name: 'X', type: 'ADMIN_AREA' }).success).toBe(false);
    expect(Location.safeParse({ id: 'x', name: 'X', type: 'ADMIN_AREA', parentId: '' }).success).toBe(false);
  });
});
