import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildCountryConfig, type ConfigPart } from '@lifeline/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { bearer, login, startSecondCopy, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { certificatesClient } from '../certificates/testing.ts';
import { exportConfig } from './export.ts';

let first: TestRuntime;
let second: TestRuntime;
const on: Record<'first' | 'second', Record<string, Tokens>> = { first: {}, second: {} };

beforeAll(async () => {
  first = await startTestRuntime();
  second = await startSecondCopy(first);
  for (const u of ['j.campbell', 'k.mweene', 'e.mayuka']) on.first[u] = await login(first, u);
  on.second['k.mweene'] = await login(second, 'k.mweene');
}, 60_000);
afterAll(async () => {
  await second?.close();
  await first?.close();
});

const admin = () => bearer(on.first['j.campbell']);
const put = (payload: object, headers = admin()) =>
  first.app.inject({ method: 'PUT', url: '/api/config/settings', headers, payload });

/** Ask the second copy until it answers as expected (it hears the change through LISTEN/NOTIFY). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 8_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const quoteOnSecond = async (id: string) =>
  (await certificatesClient(second).certificates(on.second['k.mweene'], id)).json().next.fee.amount as number;

describe('application settings changed in the app', () => {
  it('are only for the national system administrator', async () => {
    const local = bearer(on.first['e.mayuka']);
    expect((await first.app.inject({ method: 'GET', url: '/api/config/settings', headers: local })).statusCode).toBe(
      403,
    );
    expect((await put({ settings: { countryName: 'X' }, reason: 'no' }, local)).statusCode).toBe(403);
  });

  it('take effect on a second server copy without a restart', async () => {
    const record = await certificatesClient(first).registered(on.first['k.mweene'], 'birth', birthDeclaration());
    expect(await quoteOnSecond(record.id)).toBe(5);
    const res = await put({
      settings: {
        countryName: 'Republic of Farajaland',
        events: {
          birth: {
            fees: { onTime: 7, late: 9, delayed: 12, certifiedCopy: 4 },
            registrationNumberFormat: 'BR-{year}-{seq:8}',
          },
        },
      },
      reason: 'fees act 2026',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 1, settings: { countryName: 'Republic of Farajaland' } });

    expect(
      await eventually(
        () => quoteOnSecond(record.id),
        (fee) => fee === 7,
      ),
    ).toBe(7);
    const config = await eventually(
      async () =>
        (await second.app.inject({ url: '/api/config', headers: bearer(on.second['k.mweene']) })).json().settings,
      (s) => s.countryName === 'Republic of Farajaland',
    );
    expect(config.countryName).toBe('Republic of Farajaland');
    // New numbers only: the next registration on the second copy takes the new format.
    const next = await certificatesClient(second).registered(on.second['k.mweene'], 'birth', birthDeclaration());
    expect(next.registrationNumber ?? next.actions.at(-1).registrationNumber).toMatch(/^BR-\d{4}-\d{8}$/);
  });

  it('refuse a bad value with 400 naming it, and the old value stays in force', async () => {
    const bad = [
      [{ events: { birth: { fees: { onTime: -1, late: 9, certifiedCopy: 4 } } } }, 'settings.events.birth.fees.onTime'],
      [{ events: { birth: { timeliness: { onTimeDays: 90, lateDays: 30 } } } }, 'settings.events.birth.timeliness'],
      [{ events: { birth: { registrationNumberFormat: '{year}' } } }, 'settings.events.birth.registrationNumberFormat'],
      [{ events: { birth: { hiddenFields: ['child.dob'] } } }, 'settings.events.birth.hiddenFields[0]'],
      [{ defaultLanguage: 'sw' }, 'settings.defaultLanguage'],
      [{ nationalIdPattern: '([0-9' }, 'settings.nationalIdPattern'],
      [{ passwordMinLength: 8 }, 'settings.passwordMinLength'],
      [{ sessionHours: 10_000 }, 'settings.sessionHours'],
      [{ events: { divorce: { timeliness: { onTimeDays: 30 } } } }, 'settings.events.divorce'],
    ] as const;
    for (const [settings, field] of bad) {
      const res = await put({ settings, reason: 'try' });
      expect(res.statusCode, JSON.stringify(settings)).toBe(400);
      const fields = (res.json().errors ?? []).map((e: { field: string }) => e.field).join(' ');
      expect(fields, res.body).toContain(field);
    }
    const view = (await first.app.inject({ url: '/api/config/settings', headers: admin() })).json();
    expect(view.version).toBe(1);
    expect(view.settings.events.birth.fees.onTime).toBe(7);
    expect(view.settings.defaultLanguage).toBe('en');
  });

  it('hides an optional field of the form and stricter password rules apply at once', async () => {
    const view = (await first.app.inject({ url: '/api/config/settings', headers: admin() })).json();
    const optional = view.events.find((e: { id: string }) => e.id === 'birth').hideableFields[0].id as string;
    const res = await put({
      settings: { passwordMinLength: 20, events: { birth: { hiddenFields: [optional] } } },
      reason: 'simpler form',
    });
    expect(res.statusCode, res.body).toBe(200);
    const form = await eventually(
      async () => (await second.app.inject({ url: '/api/config', headers: bearer(on.second['k.mweene']) })).json(),
      (c) => JSON.stringify(c.events).includes('"showIf":{"type":"not","condition":{"type":"always"}}'),
    );
    const field = form.events
      .find((e: { id: string }) => e.id === 'birth')
      .pages.flatMap((p: { fields: unknown[] }) => p.fields)
      .find((f: { id: string }) => f.id === optional);
    expect(field.showIf).toEqual({ type: 'not', condition: { type: 'always' } });
    const change = await eventually(
      () =>
        second.app.inject({
          method: 'POST',
          url: '/api/users/me/password',
          headers: bearer(on.second['k.mweene']),
          payload: { currentPassword: 'test', newPassword: 'Fifteen-Chars1' },
        }),
      (r) => r.statusCode === 400,
    );
    expect(change.statusCode).toBe(400);
    expect(change.body).toContain('at least 20 characters');
  });

  it('keeps every version with who, when and why; rolls back; audits each change', async () => {
    const list = (await first.app.inject({ url: '/api/config/settings/versions', headers: admin() })).json();
    expect(list.map((v: { version: number; reason: string }) => [v.version, v.reason])).toEqual([
      [2, 'simpler form'],
      [1, 'fees act 2026'],
    ]);
    expect(list[0].createdByRole).toBe('NATIONAL_SYSTEM_ADMIN');
    const one = (await first.app.inject({ url: '/api/config/settings/versions/1', headers: admin() })).json();
    expect(one.data).toMatchObject({ countryName: 'Republic of Farajaland' });
    expect((await first.app.inject({ url: '/api/config/settings/versions/99', headers: admin() })).statusCode).toBe(
      404,
    );

    const back = await first.app.inject({
      method: 'POST',
      url: '/api/config/settings/versions/0/rollback',
      headers: admin(),
      payload: { reason: 'back to the package' },
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ version: 3, settings: { countryName: 'Farajaland', passwordMinLength: 12 } });
    const record = await certificatesClient(first).registered(on.first['k.mweene'], 'birth', birthDeclaration());
    expect(
      await eventually(
        () => quoteOnSecond(record.id),
        (fee) => fee === 5,
      ),
    ).toBe(5);

    const again = await first.app.inject({
      method: 'POST',
      url: '/api/config/settings/versions/1/rollback',
      headers: admin(),
      payload: { reason: 'the fees act stands' },
    });
    expect(again.json()).toMatchObject({ version: 4, settings: { countryName: 'Republic of Farajaland' } });
    expect(
      await eventually(
        () => quoteOnSecond(record.id),
        (fee) => fee === 7,
      ),
    ).toBe(7);

    const audit = await first.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id', 'actor_role'])
      .where('stream', '=', 'settings:settings')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, a.subject_id])).toEqual([
      ['settings.update', '1'],
      ['settings.update', '2'],
      ['settings.rollback', '3'],
      ['settings.rollback', '4'],
    ]);
  });

  it('refuses a stale base version with 409', async () => {
    const res = await put({ settings: { countryName: 'Late' }, reason: 'stale', baseVersion: 1 });
    expect(res.statusCode).toBe(409);
  });

  it('exports the config in force as files a country package could be built from', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lifeline-export-'));
    try {
      const files = await exportConfig(first.ctx.db, first.ctx.settings!.base, dir);
      const read = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      expect(read('settings.json').countryName).toBe('Republic of Farajaland');
      expect(read('certificates.json').fees.birth.onTime).toBe(7);
      expect(read('events/birth.json').registrationNumberFormat).toBe('BR-{year}-{seq:8}');
      expect(read('settings-layer.json')).toMatchObject({
        version: 4,
        layer: { countryName: 'Republic of Farajaland' },
      });
      // Read back through the same checks as a country package at start.
      const section = (file: string): ConfigPart['section'] =>
        file.startsWith('events/') ? 'event' : (file.replace('.json', '') as ConfigPart['section']);
      const parts = files
        .filter((f) => f !== 'settings-layer.json' && f !== 'content.json')
        .map((file): ConfigPart => ({ section: section(file), file, data: read(file) }));
      expect(buildCountryConfig(parts).settings.countryName).toBe('Republic of Farajaland');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
