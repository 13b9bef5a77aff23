import { z } from 'zod';

export const LocationType = z.enum(['ADMIN_AREA', 'CRVS_OFFICE', 'HEALTH_FACILITY']);
export type LocationType = z.infer<typeof LocationType>;

export const Location = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  type: LocationType,
  /** The administrative area this location sits in; null for top-level areas and national offices. */
  parentId: z.string().min(1).nullable(),
  /** Administrative level for areas (1 = province, 2 = district, ...); absent for offices and facilities. */
  level: z.number().int().min(1).max(9).optional(),
});
export type Location = z.infer<typeof Location>;

/** Population statistics of one administrative area for one year (denominator of completeness rates). */
export const LocationStatistic = z.object({
  locationId: z.string().min(1),
  year: z.number().int().min(1900).max(2200),
  malePopulation: z.number().int().min(0),
  femalePopulation: z.number().int().min(0),
  population: z.number().int().min(0),
  crudeBirthRate: z.number().min(0).max(100),
});
export type LocationStatistic = z.infer<typeof LocationStatistic>;

/**
 * Ancestry lookups over a set of locations: "is X within Y" answers jurisdiction and "within" search.
 * Built once from the configured locations; every lookup is a map read.
 */
export class LocationTree {
  private readonly byId = new Map<string, Location>();
  private readonly ancestry = new Map<string, string[]>();

  constructor(locations: Iterable<Location>) {
    for (const l of locations) this.byId.set(l.id, l);
  }

  get(id: string): Location | undefined {
    return this.byId.get(id);
  }

  /** Add or replace a location (one created or renamed at run time); ancestry is recomputed on demand. */
  upsert(location: Location): void {
    this.byId.set(location.id, location);
    this.ancestry.clear();
  }

  get size(): number {
    return this.byId.size;
  }

  all(): IterableIterator<Location> {
    return this.byId.values();
  }

  /** Ids from the top-level area down to (and including) the location itself. */
  path(id: string): string[] {
    const cached = this.ancestry.get(id);
    if (cached) return cached;
    const chain: string[] = [];
    const seen = new Set<string>();
    let current = this.byId.get(id);
    while (current && !seen.has(current.id)) {
      seen.add(current.id);
      chain.unshift(current.id);
      current = current.parentId ? this.byId.get(current.parentId) : undefined;
    }
    this.ancestry.set(id, chain);
    return chain;
  }

  /** True when `id` is `areaId` or lies anywhere under it. */
  isWithin(id: string, areaId: string): boolean {
    return this.path(id).includes(areaId);
  }

  /** The administrative area a location belongs to: itself for an area, its parent area otherwise. */
  areaOf(id: string): string | null {
    const l = this.byId.get(id);
    if (!l) return null;
    return l.type === 'ADMIN_AREA' ? l.id : l.parentId;
  }

  /** Materialised path used by SQL prefix queries: "/a/b/c/". */
  pathString(id: string): string {
    return `/${this.path(id).join('/')}/`;
  }
}
