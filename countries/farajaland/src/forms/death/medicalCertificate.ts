import type { FieldConfig, PageConfig } from '@lifeline/domain';
import { t } from '../../text.ts';
import { heading, numberWithUnit, textArea, textField } from '../fields.ts';
import { TIME_UNITS } from '../options.ts';
import { isSet } from '../rules.ts';
import { medicallyCertified } from './eventDetails.ts';

/** Part I of the WHO certificate: a (immediate cause) due to b, due to c, due to d (underlying cause). */
const LINES = [
  { line: 'A', en: 'Immediate cause (line a)', fr: 'Cause immédiate (ligne a)' },
  { line: 'B', en: 'Due to (line b)', fr: 'Due à (ligne b)' },
  { line: 'C', en: 'Due to (line c)', fr: 'Due à (ligne c)' },
  { line: 'D', en: 'Due to (line d)', fr: 'Due à (ligne d)' },
];

function causeLine({ line, en, fr }: (typeof LINES)[number]): FieldConfig[] {
  const cause = `medicalCertificate.cause${line}`;
  return [
    // Line a is the immediate cause: a certificate without it says nothing.
    textField(cause, t(en, fr), { required: line === 'A' }),
    numberWithUnit(
      `medicalCertificate.interval${line}`,
      t('Interval between onset and death', 'Intervalle entre le début et le décès'),
      { units: TIME_UNITS, min: 0, showIf: isSet(cause) },
    ),
  ];
}

export const medicalCertificatePage: PageConfig = {
  id: 'medicalCertificate',
  title: t('Medical certificate of cause of death', 'Certificat médical de la cause du décès'),
  showIf: medicallyCertified,
  fields: [
    heading(
      'medicalCertificate.partOneHeading',
      t(
        'Part I: disease or condition leading directly to death',
        'Partie I : maladie ou affection ayant directement provoqué le décès',
      ),
    ),
    ...LINES.flatMap(causeLine),
    heading(
      'medicalCertificate.partTwoHeading',
      t('Part II: other significant conditions', 'Partie II : autres états morbides importants'),
    ),
    textArea(
      'medicalCertificate.otherConditions',
      t('Other significant conditions contributing to death', 'Autres états morbides ayant contribué au décès'),
    ),
  ],
};
