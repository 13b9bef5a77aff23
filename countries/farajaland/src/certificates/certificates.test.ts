import {
  buildCountryConfig,
  certificateFee,
  certificateTemplateFor,
  CountryConfigError,
  timeliness,
  type CertificateConfig,
} from '@lifeline/domain';
import { describe, expect, it } from 'vitest';
import { birthEvent } from '../forms/birth.ts';
import { deathEvent } from '../forms/death.ts';
import { farajalandConfigParts } from '../index.ts';
import { certificates } from './index.ts';

/** The Farajaland config with its certificates section replaced. */
function buildWith(change: (c: CertificateConfig) => CertificateConfig) {
  const parts = farajalandConfigParts().map((p) =>
    p.section === 'certificates' ? { ...p, data: change(structuredClone(certificates)) } : p,
  );
  return buildCountryConfig(parts);
}

describe('Farajaland certificates', () => {
  it('are valid: a certificate and a certified copy for each event, in English and French, with fees', () => {
    const config = buildWith((c) => c);
    expect(config.certificates?.templates.map((t) => `${t.event}:${t.kind}`)).toEqual([
      'birth:CERTIFICATE',
      'birth:CERTIFIED_COPY',
      'death:CERTIFICATE',
      'death:CERTIFIED_COPY',
      'marriage:CERTIFICATE',
      'marriage:CERTIFIED_COPY',
    ]);
  });

  it('cost 5 / 7 / 15 for births on time / late / delayed, 5 / 15 for deaths, 3 for a certified copy', () => {
    const fee = (event: typeof birthEvent, days: number, prints = 0) => {
      const template = certificateTemplateFor(certificates, event.id, prints);
      const band = timeliness(event, '2025-01-01', new Date(Date.UTC(2025, 0, 1 + days)).toISOString().slice(0, 10));
      return certificateFee(certificates.fees[event.id], template.kind, band);
    };
    expect([fee(birthEvent, 30), fee(birthEvent, 31), fee(birthEvent, 365), fee(birthEvent, 366)]).toEqual([
      5, 7, 7, 15,
    ]);
    expect([fee(deathEvent, 45), fee(deathEvent, 46), fee(deathEvent, 4000)]).toEqual([5, 15, 15]);
    expect([fee(birthEvent, 400, 1), fee(deathEvent, 1, 2)]).toEqual([3, 3]);
  });

  it('name the file and field of a broken template', () => {
    const unknownField = () =>
      buildWith((c) => {
        c.templates[0].sections[0].lines[0].values[0].field = 'child.nickname';
        return c;
      });
    expect(unknownField).toThrow(CountryConfigError);
    expect(unknownField).toThrow(
      /certificates\/index\.ts at templates\[0\]\.sections\[0\]\.lines\[0\]: unknown field "child\.nickname"/,
    );
    expect(() => buildWith((c) => ({ ...c, templates: c.templates.slice(1) }))).toThrow(
      /event "birth" needs exactly one CERTIFICATE template/,
    );
    expect(() => buildWith((c) => ({ ...c, fees: { birth: c.fees.birth } }))).toThrow(/no fees for "death"/);
    expect(() =>
      buildWith((c) => {
        c.templates[1].title = { en: 'Certified copy' };
        return c;
      }),
    ).toThrow(/templates\[1\]\.title: missing fr text/);
  });
});
