import { readFileSync } from 'node:fs';
import { CountryConfigError, type Location, type MapFeature, type StatisticsMap } from '@lifeline/domain';
import { dataFile, FARAJALAND_DATA_DIR } from './csv.ts';

export const MAP_FILE = 'map.geojson';

interface GeoJsonFeature {
  properties?: Record<string, unknown> | null;
  geometry?: { type?: string; coordinates?: unknown } | null;
}

/**
 * The province boundaries of map.geojson, matched to the provinces of administrative-areas.csv. The file has 8
 * polygons: 4 carry a `State` property naming a province (Sulaka, Central, Chuminga, Pualula) and are matched to
 * the level-1 area of that name; the other 4 have no properties and are exact copies (the same coordinates) of
 * the named ones, so they are dropped. A named polygon matching no province, or an unnamed one copying no named
 * polygon, stops the server: a boundary must never be silently drawn for the wrong area.
 */
export function loadMap(areas: readonly Location[]): StatisticsMap {
  const file = dataFile(MAP_FILE);
  const data = JSON.parse(readFileSync(`${FARAJALAND_DATA_DIR}${MAP_FILE}`, 'utf8')) as { features?: GeoJsonFeature[] };
  const provinces = new Map(areas.filter((a) => a.level === 1).map((a) => [a.name.toLowerCase(), a.id]));
  const features = data.features ?? [];
  const named = new Map<string, string>();
  const result: MapFeature[] = [];
  features.forEach((f, i) => {
    const name = typeof f.properties?.State === 'string' ? f.properties.State.trim() : '';
    if (!name) return;
    const areaId = provinces.get(name.toLowerCase());
    if (!areaId) throw new CountryConfigError(file, `features[${i}].properties.State`, `no province "${name}"`);
    named.set(JSON.stringify(f.geometry?.coordinates), areaId);
    result.push({ areaId, geometry: f.geometry as MapFeature['geometry'] });
  });
  features.forEach((f, i) => {
    const name = typeof f.properties?.State === 'string' ? f.properties.State.trim() : '';
    if (!name && !named.has(JSON.stringify(f.geometry?.coordinates))) {
      throw new CountryConfigError(file, `features[${i}]`, 'an unnamed polygon that copies no named one');
    }
  });
  return {
    level: 1,
    features: result,
    source:
      `${file}: ${result.length} province boundaries matched by their "State" name; ` +
      `${features.length - result.length} unnamed polygons are exact copies of named ones and are not drawn.`,
  };
}
