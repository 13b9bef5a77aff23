import type { Location } from '@lifeline/domain';
import type { Country } from '../../country.ts';

const children = new WeakMap<Country, Map<string | null, Location[]>>();

/** The administrative areas directly under `areaId` (the top-level ones for null), by name. */
export function childAreas(country: Country, areaId: string | null): Location[] {
  let byParent = children.get(country);
  if (!byParent) {
    byParent = new Map();
    for (const l of country.locations.all()) {
      if (l.type !== 'ADMIN_AREA') continue;
      const list = byParent.get(l.parentId) ?? [];
      list.push(l);
      byParent.set(l.parentId, list);
    }
    for (const list of byParent.values()) list.sort((a, b) => a.name.localeCompare(b.name));
    children.set(country, byParent);
  }
  return byParent.get(areaId) ?? [];
}

/** A location's name, or its id when the config has no such location. */
export function areaName(country: Country, id: string | null): string {
  return (id && country.locations.get(id)?.name) || (id ?? '');
}
