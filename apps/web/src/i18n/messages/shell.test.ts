import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ACTION_TYPES } from '@lifeline/domain';
import { describe, expect, it } from 'vitest';
import { STATUS_COLORS } from '../../pages/components/StatusBadge.tsx';
import { extras } from './extras.ts';
import { shell } from './shell.ts';

const SRC = path.resolve(import.meta.dirname, '../..');
/** The parts of the app whose words live in shell.ts. */
const SHELL_SOURCES = ['pages', 'offline', 'app/Layout.tsx'];

function sourceFiles(entry: string): string[] {
  const full = path.join(SRC, entry);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full).flatMap((name) => sourceFiles(path.join(entry, name)));
}

/** Message ids written literally: <FormattedMessage id="x" /> and formatMessage({ id: 'x' }). */
function literalIds(): Set<string> {
  const ids = new Set<string>();
  for (const file of SHELL_SOURCES.flatMap(sourceFiles).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:\bid=|[{\s]id: |titleId=)["']([a-zA-Z][\w.]*)["']/g)) ids.add(match[1]);
  }
  return ids;
}

describe('shell messages', () => {
  it('has every key in English and French, none empty', () => {
    expect(Object.keys(shell.fr).sort()).toEqual(Object.keys(shell.en).sort());
    for (const language of [shell.en, shell.fr]) {
      for (const [key, value] of Object.entries(language)) expect(value.trim(), key).not.toBe('');
    }
  });

  it('has every id the shell uses', () => {
    const ids = [...literalIds()];
    expect(ids.length).toBeGreaterThan(50);
    // The certificate, advanced search and duplicate comparison pages keep their words in extras.ts (own test).
    expect(ids.filter((id) => !(id in shell.en) && !(id in extras.en))).toEqual([]);
  });

  it('names every status, action and record-page action', () => {
    // Every status the domain can show has a badge color (the type checks it) and words here.
    const statuses = Object.keys(STATUS_COLORS);
    const recordActions = [
      'ASSIGN',
      'UNASSIGN',
      'VALIDATE',
      'REGISTER',
      'REJECT',
      'ARCHIVE',
      'MARK_AS_DUPLICATE',
      'MARK_AS_NOT_DUPLICATE',
    ];
    const expected = [
      ...statuses.map((s) => `status.${s}`),
      ...ACTION_TYPES.map((a) => `action.${a}`),
      ...recordActions.flatMap((a) => [`record.done.${a}`, `record.failed.${a}`]),
      ...recordActions.slice(0, 6).map((a) => `record.action.${a}`),
      ...['VALIDATE', 'REGISTER', 'REJECT', 'ARCHIVE', 'MARK_AS_DUPLICATE', 'MARK_AS_NOT_DUPLICATE'].flatMap((a) =>
        ['title', 'body', 'confirm'].map((part) => `record.confirm.${a}.${part}`),
      ),
      ...['continue', 'edit', 'correct'].map((a) => `record.action.${a}`),
      ...['log', 'sms', 'email'].map((c) => `login.codeSent.${c}`),
      ...['next', 'previous', 'first', 'last'].map((c) => `pagination.${c}`),
      ...['Accepted', 'Requested', 'Rejected'].map((s) => `actionStatus.${s}`),
    ];
    expect(expected.filter((id) => !(id in shell.en))).toEqual([]);
  });
});
