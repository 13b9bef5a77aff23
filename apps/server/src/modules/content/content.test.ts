import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, startSecondCopy, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';

let first: TestRuntime;
let second: TestRuntime;
const as: Record<string, Tokens> = {};

beforeAll(async () => {
  first = await startTestRuntime();
  second = await startSecondCopy(first);
  for (const u of ['j.campbell', 'k.mweene']) as[u] = await login(first, u);
}, 60_000);
afterAll(async () => {
  await second?.close();
  await first?.close();
});

const admin = () => bearer(as['j.campbell']);

async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 8_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const messagesOn = async (runtime: TestRuntime, language: string) =>
  (await runtime.app.inject({ url: `/api/content/messages/${language}` })).json();
const formOn = async (runtime: TestRuntime) =>
  (await runtime.app.inject({ url: '/api/config', headers: bearer(as['k.mweene']) })).json().events as Array<{
    id: string;
    pages: Array<{ fields: Array<{ id: string; label: Record<string, string> }> }>;
  }>;
const birthField = (events: Awaited<ReturnType<typeof formOn>>, id: string) =>
  events
    .find((e) => e.id === 'birth')!
    .pages.flatMap((p) => p.fields)
    .find((f) => f.id === id)!;

describe('content (translations) changed in the app', () => {
  it('lists the languages and serves the app words to anyone (the login page is translated)', async () => {
    const languages = (await first.app.inject({ url: '/api/content/languages' })).json();
    expect(languages.map((l: { code: string }) => l.code)).toEqual(['en', 'fr']);
    const fr = await messagesOn(first, 'fr');
    expect(fr.messages['nav.team']).toBe('Équipe');
    expect((await first.app.inject({ url: '/api/content/messages/sw' })).statusCode).toBe(404);
  });

  it('is only changed by the national system administrator', async () => {
    const res = await first.app.inject({
      method: 'PUT',
      url: '/api/content/en',
      headers: bearer(as['k.mweene']),
      payload: { messages: { 'nav.team': 'Staff' }, reason: 'no' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('changes an English label of the app and of a form, in force on the other copy at once', async () => {
    const found = (
      await first.app.inject({ url: '/api/content/entries?language=en&q=form:birth.child.', headers: admin() })
    ).json();
    const key = found.entries.find((e: { key: string }) => /^form:birth\.child\.[a-zA-Z]+$/.test(e.key)).key as string;
    expect(found.entries[0].where).toBe('form:birth');
    const res = await first.app.inject({
      method: 'PUT',
      url: '/api/content/en',
      headers: admin(),
      payload: { messages: { 'nav.team': 'Staff', [key]: 'Given names of the baby' }, reason: 'plain words' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const en = await eventually(
      () => messagesOn(second, 'en'),
      (m) => m.messages['nav.team'] === 'Staff',
    );
    expect(en.messages['nav.team']).toBe('Staff');
    const fieldId = key.slice('form:birth.'.length);
    const events = await eventually(
      () => formOn(second),
      (e) => birthField(e, fieldId).label.en === 'Given names of the baby',
    );
    expect(birthField(events, fieldId).label.en).toBe('Given names of the baby');
    const listed = (await first.app.inject({ url: `/api/content/entries?language=en&q=nav.team`, headers: admin() }))
      .json()
      .entries.find((e: { key: string }) => e.key === 'nav.team');
    expect(listed).toMatchObject({ text: 'Staff', changed: true, where: 'app:staff' });
  });

  it('refuses a broken placeholder, a broken message and an unknown key, naming each key; nothing is saved', async () => {
    const res = await first.app.inject({
      method: 'PUT',
      url: '/api/content/fr',
      headers: admin(),
      payload: {
        messages: {
          'settings.intro': 'La version {versio} est en vigueur',
          'settings.saved': 'Version {version',
          'no.such.key': 'x',
          'nav.audit': 'Journal',
        },
        reason: 'try',
      },
    });
    expect(res.statusCode).toBe(400);
    const errors = res.json().errors as Array<{ field: string; message: string }>;
    expect(errors.map((e) => e.field).sort()).toEqual([
      'messages.no.such.key',
      'messages.settings.intro',
      'messages.settings.saved',
    ]);
    expect(errors.find((e) => e.field === 'messages.settings.intro')!.message).toContain('{versio}');
    expect((await messagesOn(first, 'fr')).messages['nav.audit']).toBe('Audit');
  });

  it('adds a language from an uploaded file: in the switcher, the form, with the missing ones listed', async () => {
    const refused = await first.app.inject({
      method: 'POST',
      url: '/api/content/sw/upload',
      headers: admin(),
      payload: {
        name: 'Kiswahili',
        format: 'csv',
        file: 'key,text\nnav.team,Timu\nsettings.intro,Toleo {toleo}\n',
        reason: 'Swahili',
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ field: 'messages.settings.intro', message: expect.any(String) }]);
    expect((await first.app.inject({ url: '/api/content/messages/sw' })).statusCode).toBe(404);

    const file = JSON.stringify({
      nav: { team: 'Timu', audit: 'Ukaguzi' },
      'settings.intro': 'Toleo {version} linatumika.',
      'form:birth.label': 'Kuzaliwa',
    });
    const res = await first.app.inject({
      method: 'POST',
      url: '/api/content/sw/upload',
      headers: admin(),
      payload: { name: 'Kiswahili', format: 'json', file, reason: 'Swahili' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ code: 'sw', name: 'Kiswahili' });

    const languages = await eventually(
      async () => (await second.app.inject({ url: '/api/content/languages' })).json(),
      (l) => l.some((x: { code: string }) => x.code === 'sw'),
    );
    const sw = languages.find((l: { code: string }) => l.code === 'sw');
    expect(sw.missing).toBeGreaterThan(100);
    const words = await messagesOn(second, 'sw');
    expect(words.messages['nav.team']).toBe('Timu');
    expect(words.messages['nav.whatsNew']).toBe("What's new"); // the default language fills the gaps
    expect(words.missing).toContain('nav.whatsNew');
    expect(words.missing).not.toContain('nav.team');
    const events = await formOn(second);
    expect(events.find((e) => e.id === 'birth')!).toMatchObject({ label: { en: 'Birth', sw: 'Kuzaliwa' } });
    const missing = (
      await first.app.inject({ url: '/api/content/entries?language=sw&missing=true&limit=5', headers: admin() })
    ).json();
    expect(missing.total).toBe(sw.missing);
    expect(missing.entries.every((e: { text: string | null }) => e.text === null)).toBe(true);
  });
});
