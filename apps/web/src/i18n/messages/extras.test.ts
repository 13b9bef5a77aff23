import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ID_TYPES, PAYMENT_METHODS } from '../../pages/record/certificates/collector.ts';
import { extras } from './extras.ts';
import { forms } from './forms.ts';
import { messages } from './index.ts';
import { shell } from './shell.ts';

const SRC = path.resolve(import.meta.dirname, '../..');
/** The parts of the app whose own words live in extras.ts. */
const SOURCES = ['pages/search', 'pages/record/certificates', 'pages/record/duplicates'];

function sourceFiles(entry: string): string[] {
  const full = path.join(SRC, entry);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full).flatMap((name) => sourceFiles(path.join(entry, name)));
}

/** Message ids written literally: <FormattedMessage id="x" />, formatMessage({ id: 'x' }), t('x'). */
function literalIds(): Set<string> {
  const ids = new Set<string>();
  for (const file of SOURCES.flatMap(sourceFiles).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:\bid=|[{\s]id: |\bt\()["']([a-zA-Z][\w.]*\.[\w.]+)["']/g)) ids.add(match[1]);
  }
  return ids;
}

describe('extra messages', () => {
  it('has every key in English and French, none empty, none overriding another file’s', () => {
    expect(Object.keys(extras.fr).sort()).toEqual(Object.keys(extras.en).sort());
    for (const language of [extras.en, extras.fr]) {
      for (const [key, value] of Object.entries(language)) expect(value.trim(), key).not.toBe('');
    }
    const others = new Set([...Object.keys(shell.en), ...Object.keys(forms.en)]);
    expect(Object.keys(extras.en).filter((key) => others.has(key))).toEqual([]);
  });

  it('has every id the certificate, search and duplicate pages use', () => {
    const ids = [...literalIds()];
    expect(ids.length).toBeGreaterThan(80);
    const kinds = ['CERTIFICATE', 'CERTIFIED_COPY'];
    const computed = [
      ...kinds.flatMap((k) => [
        `certificate.kind.${k}`,
        `certificate.print.button.${k}`,
        `certificate.printed.done.${k}`,
      ]),
      ...['ON_TIME', 'LATE', 'DELAYED'].map((t) => `certificate.timeliness.${t}`),
      ...ID_TYPES.map((id) => `certificate.idType.${id}`),
      ...PAYMENT_METHODS.map((m) => `certificate.method.${m}`),
      ...['INFORMANT', 'MOTHER', 'FATHER'].flatMap((c) => [
        `certificate.collector.${c}`,
        `certificate.collector.${c}.informant`,
      ]),
      ...['ADMIN_AREA', 'HEALTH_FACILITY', 'CRVS_OFFICE'].map((type) => `advancedSearch.place.${type}`),
      ...['title', 'body', 'confirm'].map((part) => `savedSearch.confirmDelete.${part}`),
    ];
    // ConfirmDialog takes a prefix: `${id}.title`, `.body`, `.confirm` (listed above).
    const used = [...ids, ...computed].filter((id) => !(`${id}.title` in messages.en));
    expect(used.filter((id) => !(id in messages.en))).toEqual([]);
    expect(used.filter((id) => !(id in messages.fr))).toEqual([]);
  });
});
