import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  applyCertificateTemplates,
  applyFormContent,
  parseCertificateTemplate,
  type CertificateTemplate,
  applySettingsLayer,
  ContentLayer,
  SettingsLayer,
  type CountryConfig,
} from '@lifeline/domain';
import type { Db } from '../../db/connect.ts';
import { latestVersion } from './repository.ts';

/**
 * The effective config (country package + the settings layer in force) written as JSON files, one per section and
 * one per event type, for a country to keep under version control (certificate templates as in force); `settings-layer.json` holds the changes made
 * in the app alone, with their version, and `content.json` the translations changed in the app. Returns the files written, relative to `dir`.
 */
export async function exportConfig(db: Db, base: CountryConfig, dir: string): Promise<string[]> {
  const latest = await latestVersion(db, 'settings');
  const layer = SettingsLayer.parse(latest?.data ?? {});
  const contentVersion = await latestVersion(db, 'content');
  const content = ContentLayer.parse(contentVersion?.data ?? {});
  // Certificate templates changed in the app (each its own layer) are in certificates.json as in force.
  const templates: Record<string, CertificateTemplate> = {};
  for (const template of base.certificates?.templates ?? []) {
    const row = await latestVersion(db, `certificate-template.${template.id}`);
    if (row) templates[template.id] = parseCertificateTemplate(row.data);
  }
  const layered = applyCertificateTemplates(applySettingsLayer(base, layer), templates);
  const config = { ...layered, events: applyFormContent(layered.events, content) };
  const files: Array<[string, unknown]> = [
    ['settings.json', config.settings],
    ['roles.json', config.roles],
    ...config.events.map((e): [string, unknown] => [`events/${e.id}.json`, e]),
    ['locations.json', config.locations],
    ['statistics.json', config.statistics],
    ['employees.json', config.employees],
    ['workqueues.json', config.workqueues],
    ['settings-layer.json', { version: latest?.version ?? 0, layer }],
    // Translations changed in the app (the app's words and new languages); form texts are also in events/.
    ['content.json', { version: contentVersion?.version ?? 0, ...content }],
  ];
  for (const section of ['certificates', 'fhir', 'notifications', 'help', 'vitalStatistics', 'imports'] as const) {
    if (config[section]) files.push([`${section}.json`, config[section]]);
  }
  for (const [file, data] of files) {
    const target = path.join(dir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, `${JSON.stringify(data, null, 2)}\n`);
  }
  return files.map(([file]) => file);
}
