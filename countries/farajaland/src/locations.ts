import { CountryConfigError, type Location, type LocationType } from '@lifeline/domain';
import { dataFile, readCsv, rowError } from './csv.ts';

export const AREAS_FILE = 'administrative-areas.csv';
export const OFFICES_FILE = 'locations.csv';
export const FACILITIES_300_FILE = 'health-facilities-300.csv';
export const DISTRICTS_V19_FILE = 'districts-v1.9.csv';

/** The "no name" marker of the source data: Pualula's districts carry it, and so does Chibiya's missing village. */
const NO_NAME = '-';

/**
 * Provinces (level 1), districts (level 2) and villages (level 3), one row per village.
 * Ids are the Pcodes; a code seen twice must keep the same name and parent. Pualula's four districts are named "-"
 * in the source but hold villages, so they are kept under that name (see NOTICE.md).
 */
export function loadAdministrativeAreas(): Location[] {
  const columns = ['admin3Pcode', 'admin3Name_en', 'admin2Pcode', 'admin2Name_en', 'admin1Pcode', 'admin1Name_en'];
  const rows = readCsv(AREAS_FILE, columns);
  const levels: Array<Map<string, Location>> = [new Map(), new Map(), new Map()];
  rows.forEach((row, i) => {
    let parentId: string | null = null;
    for (const level of [1, 2, 3]) {
      const id = row[`admin${level}Pcode`];
      const name = row[`admin${level}Name_en`];
      if (!id || !name) throw rowError(AREAS_FILE, i, `admin${level}Pcode`, 'empty code or name');
      // A row with an unnamed village only declares its district (Chibiya has no villages): its admin3Pcode,
      // R22tRIhdm5Y, is Chibiya's retired district code, not a village.
      if (level === 3 && name === NO_NAME) break;
      const area: Location = { id, name, type: 'ADMIN_AREA', parentId, level };
      const seen = levels[level - 1].get(id);
      if (seen && (seen.name !== name || seen.parentId !== parentId)) {
        throw rowError(AREAS_FILE, i, `admin${level}Pcode`, `"${id}" is listed with two names or parents`);
      }
      levels[level - 1].set(id, area);
      parentId = id;
    }
  });
  return levels.flatMap((m) => [...m.values()]);
}

const LOCATION_TYPES: readonly LocationType[] = ['CRVS_OFFICE', 'HEALTH_FACILITY'];

/** `Location/<id>`; `Location/0` is the country itself (HQ, embassies), i.e. no parent area. */
function parsePartOf(file: string, index: number, partOf: string): string | null {
  const match = /^Location\/(.+)$/.exec(partOf);
  if (!match) throw rowError(file, index, 'partOf', `expected "Location/<id>", got "${partOf}"`);
  return match[1] === '0' ? null : match[1];
}

/** Civil registration offices and the current hospitals (locations.csv). */
export function loadOfficesAndFacilities(): Location[] {
  return readCsv(OFFICES_FILE, ['id', 'name', 'partOf', 'locationType']).map((row, i) => {
    const type = row.locationType as LocationType;
    if (!LOCATION_TYPES.includes(type)) throw rowError(OFFICES_FILE, i, 'locationType', `unknown type "${type}"`);
    return { id: row.id, name: row.name, type, parentId: parsePartOf(OFFICES_FILE, i, row.partOf) };
  });
}

/**
 * The 300 facilities of the older (v1.9) two-level structure. Their `partOf` is a v1.9 district code, which
 * districts-v1.9.csv turns into a district and province name; the current district is the one with that name in
 * the province of that name.
 *
 * Pualula's current districts have no names ("-") and placeholder codes in the published data, so nothing says
 * which of them the v1.9 districts Embe, Ienge, Funabuli and Pili became. Facilities there are attached to the
 * province rather than to a guessed district (the province itself is certain). Anywhere else a facility that does
 * not resolve stops the load.
 */
export function loadLegacyFacilities(areas: readonly Location[]): Location[] {
  const v19 = new Map(
    readCsv(DISTRICTS_V19_FILE, ['admin2Pcode', 'admin2Name_en', 'admin1Name_en']).map((row) => [
      row.admin2Pcode,
      { district: row.admin2Name_en, province: row.admin1Name_en },
    ]),
  );
  const provinces = areas.filter((a) => a.level === 1);
  const districts = areas.filter((a) => a.level === 2);
  return readCsv(FACILITIES_300_FILE, ['id', 'name', 'partOf', 'locationType']).map((row, i) => {
    if (row.locationType !== 'HEALTH_FACILITY') {
      throw rowError(FACILITIES_300_FILE, i, 'locationType', `expected HEALTH_FACILITY, got "${row.locationType}"`);
    }
    const oldCode = parsePartOf(FACILITIES_300_FILE, i, row.partOf);
    const old = oldCode ? v19.get(oldCode) : undefined;
    if (!old)
      throw rowError(FACILITIES_300_FILE, i, 'partOf', `"${row.partOf}" is not a district of ${DISTRICTS_V19_FILE}`);
    const province = provinces.find((p) => p.name === old.province);
    if (!province) throw rowError(FACILITIES_300_FILE, i, 'partOf', `no current province named "${old.province}"`);
    const inProvince = districts.filter((d) => d.parentId === province.id);
    const district = inProvince.find((d) => d.name === old.district);
    if (district) return { id: row.id, name: row.name, type: 'HEALTH_FACILITY', parentId: district.id };
    if (inProvince.length > 0 && inProvince.every((d) => d.name === NO_NAME)) {
      return { id: row.id, name: row.name, type: 'HEALTH_FACILITY', parentId: province.id };
    }
    throw rowError(FACILITIES_300_FILE, i, 'partOf', `no district "${old.district}" in province "${old.province}"`);
  });
}

export interface FarajalandLocations {
  areas: Location[];
  officesAndFacilities: Location[];
  legacyFacilities: Location[];
}

/** Every location, by source file. Ids must be unique across all three files. */
export function loadLocations(): FarajalandLocations {
  const areas = loadAdministrativeAreas();
  const officesAndFacilities = loadOfficesAndFacilities();
  const legacyFacilities = loadLegacyFacilities(areas);
  const seen = new Map<string, string>();
  for (const [file, list] of [
    [AREAS_FILE, areas],
    [OFFICES_FILE, officesAndFacilities],
    [FACILITIES_300_FILE, legacyFacilities],
  ] as const) {
    list.forEach((l, i) => {
      const other = seen.get(l.id);
      // Indexes here are positions in the file's location list (areas are several per CSV line).
      if (other) throw new CountryConfigError(dataFile(file), `[${i}].id`, `id "${l.id}" is already used in ${other}`);
      seen.set(l.id, file);
    });
  }
  return { areas, officesAndFacilities, legacyFacilities };
}
