import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ACTION_TYPES, ImportStatus, QUALITY_ISSUES } from '@lifeline/domain';
import { describe, expect, it } from 'vitest';
import { STATUS_COLORS } from '../../pages/components/StatusBadge.tsx';
import { ID_TYPES, PAYMENT_METHODS } from '../../pages/record/certificates/collector.ts';
import { USER_ACTIONS } from '../../pages/staff/queries.ts';
import { extras } from './extras.ts';
import { imports } from './imports.ts';
import { field } from './field.ts';
import { integrations } from './integrations.ts';
import { lifecycle } from './lifecycle.ts';
import { catalogues, LANGUAGES, messages } from './index.ts';
import { settings } from './settings.ts';
import { templates } from './templates.ts';
import { paper } from './paper.ts';
import { shell } from './shell.ts';
import { staff } from './staff.ts';
import { statistics } from './statistics.ts';

const SRC = path.resolve(import.meta.dirname, '../..');

function sourceFiles(entry: string): string[] {
  const full = path.join(SRC, entry);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full).flatMap((name) => sourceFiles(path.join(entry, name)));
}

/** The message ids written literally in the source files under `entries` (`pattern`'s first group). */
function literalIds(entries: string[], pattern: RegExp): string[] {
  const ids = new Set<string>();
  for (const file of entries.flatMap(sourceFiles).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(pattern)) ids.add(match[1]);
  }
  return [...ids];
}

describe.each(Object.entries(catalogues))('%s messages', (name, catalogue) => {
  it('has every key in English and French, none empty, none in another file', () => {
    for (const language of LANGUAGES) {
      expect(Object.keys(catalogue[language]).sort(), language).toEqual(Object.keys(catalogue.en).sort());
      for (const [key, value] of Object.entries(catalogue[language])) expect(value.trim(), key).not.toBe('');
    }
    const others = new Set(
      Object.entries(catalogues).flatMap(([other, { en }]) => (other === name ? [] : Object.keys(en))),
    );
    expect(Object.keys(catalogue.en).filter((key) => others.has(key))).toEqual([]);
  });
});

describe('shell messages', () => {
  it('has every id the shell uses', () => {
    // <FormattedMessage id="x" />, formatMessage({ id: 'x' }) and titleId="x" in the pages, offline and the layout.
    const ids = literalIds(
      ['pages', 'offline', 'app/Layout.tsx'],
      /(?:\bid=|[{\s]id: |titleId=)["']([a-zA-Z][\w.]*)["']/g,
    );
    expect(ids.length).toBeGreaterThan(50);
    // The certificate, advanced search and duplicate comparison pages keep their words in extras.ts (below), the
    // staff, audit, onboarding, recovery and help pages in staff.ts, the dashboard in statistics.ts, the outbox and
    // offline pages in field.ts, integrations in integrations.ts, corrections and revocation in lifecycle.ts, the
    // settings and content pages in settings.ts, the certificate template editor in templates.ts, the paper
    // register transcription in paper.ts, imports in imports.ts.
    const elsewhere = [
      paper.en,
      templates.en,
      shell.en,
      extras.en,
      staff.en,
      statistics.en,
      field.en,
      integrations.en,
      lifecycle.en,
      settings.en,
      imports.en,
    ];
    expect(ids.filter((id) => !elsewhere.some((catalogue) => id in catalogue))).toEqual([]);
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

describe('extra messages', () => {
  it('has every id the certificate, search and duplicate pages use', () => {
    // <FormattedMessage id="x" />, formatMessage({ id: 'x' }) and t('x'), ids with a dot.
    const ids = literalIds(
      ['pages/search', 'pages/record/certificates', 'pages/record/duplicates'],
      /(?:\bid=|[{\s]id: |\bt\()["']([a-zA-Z][\w.]*\.[\w.]+)["']/g,
    );
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

describe('staff messages', () => {
  it('has every id the team, user, audit, onboarding, recovery and help pages use, and their computed ones', () => {
    const ids = literalIds(
      ['pages/staff', 'pages/audit', 'pages/onboarding', 'pages/recovery', 'pages/help', 'pages/shell/StaffLinks.tsx'],
      /(?:\bid=|[{\s]id: |label=|titleId=)["']([a-zA-Z][\w.]*\.[\w.]+)["']/g,
    );
    expect(ids.length).toBeGreaterThan(60);
    const computed = [
      ...USER_ACTIONS.flatMap((a) => [`userAction.${a}`, `userAction.done.${a}`]),
      ...['reset-password', 'reset-second-factor', 'deactivate', 'reactivate'].map((a) => `userAction.confirm.${a}`),
      ...['active', 'pending', 'deactivated'].map((s) => `userStatus.${s}`),
      ...['CRVS_OFFICE', 'HEALTH_FACILITY', 'ADMIN_AREA'].map((t) => `office.type.${t}`),
      ...['welcome', 'signature', 'tour'].map((s) => `welcome.step.${s}`),
      ...['workqueues', 'declare', 'search', 'help'].flatMap((s) => [`welcome.tour.${s}`, `welcome.tour.${s}.title`]),
      ...['en', 'fr'].map((l) => `language.${l}`),
      ...['length', 'max', 'upper', 'lower', 'digit'].map((r) => `password.rule.${r}`),
    ];
    for (const language of LANGUAGES) {
      expect(
        [...ids, ...computed].filter((id) => !(id in messages[language])),
        language,
      ).toEqual([]);
    }
  });
});

describe('statistics messages', () => {
  it('has every id the dashboard uses, in both languages', () => {
    const ids = literalIds(['pages/statistics'], /(?:\bid=|[{\s]id: |\bt\()["']([a-zA-Z][\w.]*\.[\w.]+)["']/g);
    expect(ids.length).toBeGreaterThan(30);
    const computed = [
      ...['ON_TIME', 'LATE', 'DELAYED'].map((t) => `statistics.timeliness.${t}`),
      ...['last12Months', 'thisYear', 'lastYear', 'custom'].map((p) => `statistics.period.${p}`),
      ...QUALITY_ISSUES.map((i) => `statistics.quality.issue.${i}`),
    ];
    // The dashboard's own words are here; shared ones (loading...) are the shell's.
    const own = [...ids, ...computed].filter((id) => id.startsWith('statistics.'));
    expect(own.length).toBeGreaterThan(30);
    for (const id of own) {
      expect(statistics.en, id).toHaveProperty([id]);
      expect(statistics.fr, id).toHaveProperty([id]);
    }
    expect(ids.filter((id) => !id.startsWith('statistics.') && !(id in messages.en))).toEqual([]);
  });
});

describe('lifecycle messages', () => {
  it('has every id the correction pages use, and words for every decision on a registration', () => {
    const ids = literalIds(['pages/record/corrections'], /(?:\bid=|[{\s]id: |\bt\()["']([a-zA-Z][\w.]*\.[\w.]+)["']/g);
    expect(ids.length).toBeGreaterThan(20);
    const decisions = ['REVOKE', 'REINSTATE', 'UNARCHIVE', 'APPROVE_CORRECTION', 'REJECT_CORRECTION'];
    const expected = [
      ...ids,
      ...decisions.flatMap((a) => ['title', 'body', 'confirm'].map((part) => `record.confirm.${a}.${part}`)),
      ...[...decisions, 'REQUEST_CORRECTION'].flatMap((a) => [
        `record.action.${a}`,
        `record.done.${a}`,
        `record.failed.${a}`,
      ]),
      ...['INFORMANT', 'MOTHER', 'FATHER', 'OTHER'].map((t) => `correction.requester.${t}`),
    ];
    expect(expected.filter((id) => !(id in messages.en))).toEqual([]);
  });
});

describe('imports messages', () => {
  it('has every id the import page uses, and words for every state of an import, in both languages', () => {
    const ids = literalIds(['pages/imports'], /(?:\bid=|[{\s]id: |\bt\()["']([a-zA-Z][\w.]*\.[\w.]+)["']/g);
    expect(ids.length).toBeGreaterThan(20);
    const computed = ImportStatus.options.flatMap((s) => [`imports.status.${s}`]);
    const own = [...ids, ...computed, 'imports.finished.done', 'imports.finished.failed'];
    for (const language of LANGUAGES) {
      expect(
        own.filter((id) => !(id in messages[language])),
        language,
      ).toEqual([]);
    }
  });
});
