import { buildCountryConfig, type ConfigPart, type CountryConfig } from '@lifeline/domain';
import { certificates } from './certificates/index.ts';
import { dataFile, PACKAGE_PATH } from './csv.ts';
import { loadEmployees, EMPLOYEES_FILE } from './employees.ts';
import { fhirMapping } from './fhir.ts';
import { birthEvent } from './forms/birth.ts';
import { deathEvent } from './forms/death.ts';
import { marriageEvent } from './forms/marriage.ts';
import { loadHelp } from './help.ts';
import { imports } from './imports.ts';
import { notifications } from './notifications.ts';
import { AREAS_FILE, FACILITIES_300_FILE, loadLocations, OFFICES_FILE } from './locations.ts';
import { roles } from './roles.ts';
import { settings } from './settings.ts';
import { loadStatistics, STATISTICS_FILE } from './statistics.ts';
import { vitalStatistics } from './vital-statistics.ts';
import { workqueues } from './workqueues.ts';

export { FARAJALAND_DATA_DIR } from './csv.ts';
export { birthEvent } from './forms/birth.ts';
export { deathEvent } from './forms/death.ts';
export { marriageEvent } from './forms/marriage.ts';
export { roles } from './roles.ts';
export { settings } from './settings.ts';
export { fhirMapping } from './fhir.ts';
export { imports } from './imports.ts';

const sourceFile = (path: string) => `${PACKAGE_PATH}/src/${path}`;

/**
 * The package's config, one part per source file, not yet validated: buildCountryConfig checks every part and
 * names the file of the first problem. CSV parts name the CSV (the data), not the loader.
 */
export function farajalandConfigParts(): ConfigPart[] {
  const locations = loadLocations();
  const areaIds = new Set(locations.areas.map((a) => a.id));
  return [
    { section: 'settings', file: sourceFile('settings.ts'), data: settings },
    { section: 'roles', file: sourceFile('roles.ts'), data: roles },
    { section: 'event', file: sourceFile('forms/birth.ts'), data: birthEvent },
    { section: 'event', file: sourceFile('forms/death.ts'), data: deathEvent },
    { section: 'event', file: sourceFile('forms/marriage.ts'), data: marriageEvent },
    { section: 'locations', file: dataFile(AREAS_FILE), data: locations.areas },
    { section: 'locations', file: dataFile(OFFICES_FILE), data: locations.officesAndFacilities },
    { section: 'locations', file: dataFile(FACILITIES_300_FILE), data: locations.legacyFacilities },
    { section: 'statistics', file: dataFile(STATISTICS_FILE), data: loadStatistics(areaIds) },
    { section: 'employees', file: dataFile(EMPLOYEES_FILE), data: loadEmployees() },
    { section: 'workqueues', file: sourceFile('workqueues.ts'), data: workqueues },
    { section: 'certificates', file: sourceFile('certificates/index.ts'), data: certificates },
    { section: 'fhir', file: sourceFile('fhir.ts'), data: fhirMapping },
    { section: 'notifications', file: sourceFile('notifications.ts'), data: notifications },
    { section: 'help', file: `${PACKAGE_PATH}/help`, data: loadHelp() },
    { section: 'vitalStatistics', file: sourceFile('vital-statistics.ts'), data: vitalStatistics(locations.areas) },
    { section: 'imports', file: sourceFile('imports.ts'), data: imports },
  ];
}

/** Farajaland, validated and assembled: the default country of Lifeline. */
export function loadFarajaland(): CountryConfig {
  return buildCountryConfig(farajalandConfigParts());
}

/** The entry point every country package provides (see LIFELINE_COUNTRY in the README). */
export const countryConfigParts = farajalandConfigParts;
