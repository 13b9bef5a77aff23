import type { CertificateConfig, CertificateTemplate, Text } from '@lifeline/domain';
import type { CertificateContent } from './content.ts';

const same = (languages: string[], value: string): Text => Object.fromEntries(languages.map((l) => [l, value]));

/**
 * A fixed certificate content per template (no record, no clock): what a print stored before templates carried
 * a layout (content version 1). Rendering it must give the bytes it gave then, whatever the layouts become.
 */
export function goldenContent(config: CertificateConfig, template: CertificateTemplate): CertificateContent {
  const languages = config.languages;
  return {
    version: 1,
    certificateId: 'GoLdEnCeRtIfIcAtE00001',
    templateId: template.id,
    kind: template.kind,
    eventType: template.event,
    languages,
    header: config.header,
    labels: config.labels,
    title: template.title,
    statement: template.statement,
    registrationNumber: '2025BIRTH0000042',
    sections: template.sections.map((section) => ({
      title: section.title,
      // As on an ordinary record: lines printed only when answered (a transcribed record's source) are not there.
      lines: section.lines
        .filter((line) => !line.hideWhenEmpty)
        .map((line, i) => ({
          label: line.label,
          value: i % 2 ? same(languages, `Value ${i} of ${line.label.en}`) : { en: '1 June 2025', fr: '1 juin 2025' },
        })),
    })),
    certification: { office: 'Ibombo District Office', date: { en: '2 June 2025', fr: '2 juin 2025' } },
    registrar: { name: 'Kennedy Mweene', keyId: 'cert-2025-01' },
    verifyUrl: 'https://register.example/verify/GoLdEnCeRtIfIcAtE00001',
    qrText: 'https://register.example/verify/GoLdEnCeRtIfIcAtE00001?c=aaaa.bbbb.cccc',
    printedAt: '2025-06-02T09:30:00.000Z',
  };
}
