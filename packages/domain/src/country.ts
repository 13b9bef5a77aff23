import { z } from 'zod';
import { CertificateConfig, checkCertificateConfig } from './certificates.ts';
import { referencedFields, type Condition } from './conditions.ts';
import { matcherFields } from './dedup/config.ts';
import { checkFhirEventMapping, FhirMapping } from './fhir-mapping.ts';
import { FieldConfig } from './fields.ts';
import { EventConfig, formFields } from './forms.ts';
import { HelpContent } from './help.ts';
import { checkImportMap, ImportConfig } from './imports.ts';
import { Location, LocationStatistic, LocationTree } from './locations.ts';
import { NotificationTemplates, templatesProblem } from './notifications.ts';
import { Employee, Role } from './roles.ts';
import { WorkqueueConfig } from './search.ts';
import { ApplicationSettings } from './settings.ts';
import { checkVitalStatistics } from './statistics/check.ts';
import { VitalStatisticsConfig } from './statistics/config.ts';

export interface CountryConfig {
  settings: ApplicationSettings;
  roles: Role[];
  events: EventConfig[];
  locations: Location[];
  statistics: LocationStatistic[];
  employees: Employee[];
  workqueues: WorkqueueConfig[];
  /** Certificate templates and fees; absent = this country prints no certificates. */
  certificates?: CertificateConfig;
  /** How records and locations map to FHIR R4; absent = this country serves no FHIR documents. */
  fhir?: FhirMapping;
  /** Messages to staff (login codes, invitations...); a server that sends messages needs them. */
  notifications?: NotificationTemplates;
  /** Help panels, "what's new" and the support contact. */
  help?: HelpContent;
  /** How births and deaths are counted (fields, death rate, map); absent = no vital statistics. */
  vitalStatistics?: VitalStatisticsConfig;
  /** How legacy registers are imported (column maps per event type); absent = no CSV import. */
  imports?: ImportConfig;
}

const SECTION_SCHEMAS = {
  settings: ApplicationSettings,
  roles: z.array(Role).min(1),
  event: EventConfig,
  locations: z.array(Location).min(1),
  statistics: z.array(LocationStatistic),
  employees: z.array(Employee),
  workqueues: z.array(WorkqueueConfig),
  certificates: CertificateConfig,
  fhir: FhirMapping,
  notifications: NotificationTemplates,
  help: HelpContent,
  vitalStatistics: VitalStatisticsConfig,
  imports: ImportConfig,
} as const;

export type ConfigSection = keyof typeof SECTION_SCHEMAS;

/** One file of a country package, loaded but not yet trusted. */
export interface ConfigPart {
  section: ConfigSection;
  /** Path of the file the data came from, named in error messages. */
  file: string;
  data: unknown;
}

export class CountryConfigError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    problem: string,
  ) {
    super(`Invalid country config in ${file}${field ? ` at ${field}` : ''}: ${problem}`);
  }
}

function pathText(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}

/**
 * Validate a country's config files and assemble them. Throws a CountryConfigError naming the file and the
 * field of the first problem, so an operator knows exactly what to fix before the server will start.
 */
export function buildCountryConfig(parts: ConfigPart[]): CountryConfig {
  const config: CountryConfig = {
    settings: undefined!,
    roles: [],
    events: [],
    locations: [],
    statistics: [],
    employees: [],
    workqueues: [],
  };
  const fileOf: Partial<Record<ConfigSection, string>> = {};
  const eventFiles = new Map<string, string>();
  /** Where each location came from (several files may supply them), for error messages. */
  const locationOrigins: Array<{ file: string; index: number }> = [];
  for (const part of parts) {
    const result = SECTION_SCHEMAS[part.section].safeParse(part.data);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new CountryConfigError(part.file, pathText(issue.path), issue.message);
    }
    fileOf[part.section] = part.file;
    if (part.section === 'event') {
      const event = result.data as EventConfig;
      if (eventFiles.has(event.id)) throw new CountryConfigError(part.file, 'id', `duplicate event id "${event.id}"`);
      config.events.push(event);
      eventFiles.set(event.id, part.file);
    } else if (part.section === 'settings') config.settings = result.data as ApplicationSettings;
    else if (part.section === 'certificates') config.certificates = result.data as CertificateConfig;
    else if (part.section === 'fhir') config.fhir = result.data as FhirMapping;
    else if (part.section === 'notifications') config.notifications = result.data as NotificationTemplates;
    else if (part.section === 'help') config.help = result.data as HelpContent;
    else if (part.section === 'vitalStatistics') config.vitalStatistics = result.data as VitalStatisticsConfig;
    else if (part.section === 'imports') config.imports = result.data as ImportConfig;
    else (config[part.section] as unknown[]).push(...(result.data as unknown[]));
    if (part.section === 'locations') {
      (result.data as unknown[]).forEach((_, index) => locationOrigins.push({ file: part.file, index }));
    }
  }
  if (!config.settings) throw new CountryConfigError('(country package)', 'settings', 'no settings file');
  checkLocations(config, locationOrigins);
  checkRoles(config, fileOf.roles ?? '(roles)', fileOf.employees ?? '(employees)');
  checkWorkqueues(config, fileOf.workqueues ?? '(workqueues)');
  for (const event of config.events) checkEvent(event, config, eventFiles.get(event.id)!);
  checkNumberFormats(config, (id) => eventFiles.get(id)!);
  const certificateProblem = config.certificates && checkCertificateConfig(config.certificates, config.events);
  if (certificateProblem) {
    throw new CountryConfigError(fileOf.certificates!, certificateProblem.field, certificateProblem.problem);
  }
  if (config.fhir) checkFhirMapping(config.fhir, config, fileOf.fhir!);
  checkTexts(config, fileOf);
  if (config.imports) checkImports(config.imports, config, fileOf.imports!);
  const statisticsProblem =
    config.vitalStatistics && checkVitalStatistics(config.vitalStatistics, config.events, config.locations);
  if (statisticsProblem) {
    throw new CountryConfigError(fileOf.vitalStatistics!, statisticsProblem.field, statisticsProblem.problem);
  }
  return config;
}

/** Messages and help in every language of the country, with placeholders the server knows how to fill. */
function checkTexts(config: CountryConfig, fileOf: Partial<Record<ConfigSection, string>>) {
  const languages = config.settings.languages;
  const templateProblem = config.notifications && templatesProblem(config.notifications, languages);
  if (templateProblem) {
    throw new CountryConfigError(fileOf.notifications!, templateProblem.field, templateProblem.problem);
  }
  if (!config.help) return;
  const texts: Array<[string, Record<string, string> | undefined]> = [
    ['whatsNew', config.help.whatsNew],
    ['support.name', config.help.support.name],
    ...Object.entries(config.help.pages).map(([page, text]): [string, Record<string, string>] => [
      `pages.${page}`,
      text,
    ]),
  ];
  for (const [field, text] of texts) {
    const missing = text && languages.find((l) => !text[l]);
    if (missing) throw new CountryConfigError(fileOf.help!, `${field}.${missing}`, `missing the ${missing} text`);
  }
}

function checkLocations(config: CountryConfig, origins: Array<{ file: string; index: number }>) {
  const fail = (i: number, field: string, problem: string) => {
    throw new CountryConfigError(origins[i].file, `[${origins[i].index}].${field}`, problem);
  };
  const byId = new Map<string, Location>();
  config.locations.forEach((l, i) => {
    if (byId.has(l.id)) fail(i, 'id', `duplicate location id "${l.id}"`);
    byId.set(l.id, l);
  });
  config.locations.forEach((l, i) => {
    if (!l.parentId) return;
    const parent = byId.get(l.parentId);
    if (!parent) fail(i, 'parentId', `location "${l.id}" is part of unknown "${l.parentId}"`);
    // Offices and facilities sit in areas, areas in areas: jurisdiction and "within" rely on it.
    else if (parent.type !== 'ADMIN_AREA') fail(i, 'parentId', `"${l.parentId}" is not an administrative area`);
  });
}

function checkRoles(config: CountryConfig, rolesFile: string, employeesFile: string) {
  const roleIds = new Set(config.roles.map((r) => r.id));
  if (roleIds.size !== config.roles.length) throw new CountryConfigError(rolesFile, '', 'role ids must be unique');
  const tree = new LocationTree(config.locations);
  const usernames = new Set<string>();
  config.employees.forEach((e, i) => {
    if (!roleIds.has(e.role)) throw new CountryConfigError(employeesFile, `[${i}].role`, `unknown role "${e.role}"`);
    const office = tree.get(e.primaryOfficeId);
    if (!office || office.type === 'ADMIN_AREA') {
      throw new CountryConfigError(
        employeesFile,
        `[${i}].primaryOfficeId`,
        `"${e.primaryOfficeId}" is not an office or facility`,
      );
    }
    if (usernames.has(e.username))
      throw new CountryConfigError(employeesFile, `[${i}].username`, `duplicate "${e.username}"`);
    usernames.add(e.username);
  });
}

/**
 * Each event type numbers its registrations on its own sequence: two event types printing numbers in one format
 * without {eventCode} would issue the same number twice.
 */
function checkNumberFormats(config: CountryConfig, fileOf: (eventId: string) => string) {
  const seen = new Map<string, string>();
  for (const event of config.events) {
    const format = event.registrationNumberFormat ?? config.settings.registrationNumberFormat;
    const other = seen.get(format);
    if (other && !format.includes('{eventCode}')) {
      throw new CountryConfigError(
        fileOf(event.id),
        'registrationNumberFormat',
        `"${event.id}" and "${other}" share the format "${format}": add {eventCode} (each event type has its own sequence)`,
      );
    }
    seen.set(format, event.id);
  }
}

function checkEvent(event: EventConfig, config: CountryConfig, file: string) {
  const languages = config.settings.languages;
  const ids = new Set<string>();
  const all = event.pages.flatMap((p, pi) => p.fields.map((f, fi) => ({ f, where: `pages[${pi}].fields[${fi}]` })));
  for (const { f, where } of all) {
    if (ids.has(f.id)) throw new CountryConfigError(file, `${where}.id`, `duplicate field id "${f.id}"`);
    ids.add(f.id);
    for (const lang of languages) {
      if (!f.label[lang])
        throw new CountryConfigError(file, `${where}.label.${lang}`, `missing ${lang} label for "${f.id}"`);
    }
    const conditions: Condition[] = [f.showIf, ...(f.validations ?? []).map((v) => v.rule)].filter(
      (c): c is Condition => !!c,
    );
    for (const ref of conditions.flatMap(referencedFields)) {
      if (!all.some(({ f: other }) => other.id === ref)) {
        throw new CountryConfigError(file, `${where}`, `condition of "${f.id}" refers to unknown field "${ref}"`);
      }
    }
  }
  event.pages.forEach((page, pi) => {
    for (const ref of page.showIf ? referencedFields(page.showIf) : []) {
      if (!ids.has(ref)) {
        throw new CountryConfigError(
          file,
          `pages[${pi}].showIf`,
          `condition of page "${page.id}" refers to unknown field "${ref}"`,
        );
      }
    }
  });
  for (const [ri, rule] of (event.deduplication?.rules ?? []).entries()) {
    for (const ref of matcherFields(rule.matcher)) {
      if (!ids.has(ref)) {
        throw new CountryConfigError(
          file,
          `deduplication.rules[${ri}]`,
          `rule "${rule.id}" compares unknown field "${ref}"`,
        );
      }
    }
  }
  const valueFields = new Map(formFields(event).map(({ field }) => [field.id, field] as [string, FieldConfig]));
  const dateField = valueFields.get(event.dateOfEventField);
  if (dateField?.type !== 'DATE') throw new CountryConfigError(file, 'dateOfEventField', 'must name a DATE field');
  const titleField = valueFields.get(event.titleField);
  if (titleField?.type !== 'NAME') throw new CountryConfigError(file, 'titleField', 'must name a NAME field');
  event.placeOfEventFields.forEach((id, i) => {
    const type = valueFields.get(id)?.type;
    if (type !== 'LOCATION' && type !== 'ADDRESS') {
      throw new CountryConfigError(file, `placeOfEventFields[${i}]`, 'must name a LOCATION or ADDRESS field');
    }
  });
}

function checkFhirMapping(fhir: FhirMapping, config: CountryConfig, file: string) {
  fhir.events.forEach((mapping, i) => {
    const event = config.events.find((e) => e.id === mapping.event);
    if (!event) throw new CountryConfigError(file, `events[${i}].event`, `unknown event "${mapping.event}"`);
    const [problem] = checkFhirEventMapping(mapping, event);
    if (problem) throw new CountryConfigError(file, `events[${i}].${problem[0]}`, problem[1]);
  });
}

function checkWorkqueues(config: CountryConfig, file: string) {
  const roleIds = new Set(config.roles.map((r) => r.id));
  const slugs = new Set<string>();
  config.workqueues.forEach((w, i) => {
    if (slugs.has(w.slug)) throw new CountryConfigError(file, `[${i}].slug`, `duplicate workqueue "${w.slug}"`);
    slugs.add(w.slug);
    w.roles.forEach((r, j) => {
      if (!roleIds.has(r)) throw new CountryConfigError(file, `[${i}].roles[${j}]`, `unknown role "${r}"`);
    });
  });
}

/** Each import map names an event type of the country and only fields of its form. */
function checkImports(imports: ImportConfig, config: CountryConfig, file: string) {
  imports.events.forEach((map, i) => {
    const event = config.events.find((e) => e.id === map.event);
    if (!event) throw new CountryConfigError(file, `events[${i}].event`, `no event type "${map.event}"`);
    const problem = checkImportMap(map, event);
    if (problem) throw new CountryConfigError(file, `events[${i}].${problem.field}`, problem.problem);
  });
}
