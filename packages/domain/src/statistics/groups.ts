/** The key of a value the record does not give (no sex chosen, no age, no place). */
export const NOT_STATED = 'NOT_STATED';

/** UN 5-year age groups of mothers at the birth (Principles and Recommendations Rev. 3, live births by age). */
export const MOTHER_AGE_GROUPS = ['<15', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50+'] as const;

/** UN age groups at death: under 1, 1-4, then 5-year groups to 85 and over. */
export const DEATH_AGE_GROUPS = [
  '<1',
  '1-4',
  ...Array.from({ length: 16 }, (_, i) => `${5 + i * 5}-${9 + i * 5}`),
  '85+',
] as readonly string[];

export function motherAgeGroup(age: number | null): string {
  if (age === null) return NOT_STATED;
  if (age < 15) return '<15';
  if (age >= 50) return '50+';
  const low = Math.floor(age / 5) * 5;
  return `${low}-${low + 4}`;
}

export function deathAgeGroup(age: number | null): string {
  if (age === null) return NOT_STATED;
  if (age < 1) return '<1';
  if (age < 5) return '1-4';
  if (age >= 85) return '85+';
  const low = Math.floor(age / 5) * 5;
  return `${low}-${low + 4}`;
}

/** ICD-10 chapters by the first code of each (Volume 1, 2019 edition); codes sort as text within a chapter. */
export const ICD10_CHAPTERS: ReadonlyArray<{ chapter: string; from: string; to: string; title: string }> = [
  { chapter: 'I', from: 'A00', to: 'B99', title: 'Certain infectious and parasitic diseases' },
  { chapter: 'II', from: 'C00', to: 'D48', title: 'Neoplasms' },
  { chapter: 'III', from: 'D50', to: 'D89', title: 'Diseases of the blood and certain immune disorders' },
  { chapter: 'IV', from: 'E00', to: 'E90', title: 'Endocrine, nutritional and metabolic diseases' },
  { chapter: 'V', from: 'F00', to: 'F99', title: 'Mental and behavioural disorders' },
  { chapter: 'VI', from: 'G00', to: 'G99', title: 'Diseases of the nervous system' },
  { chapter: 'VII', from: 'H00', to: 'H59', title: 'Diseases of the eye and adnexa' },
  { chapter: 'VIII', from: 'H60', to: 'H95', title: 'Diseases of the ear and mastoid process' },
  { chapter: 'IX', from: 'I00', to: 'I99', title: 'Diseases of the circulatory system' },
  { chapter: 'X', from: 'J00', to: 'J99', title: 'Diseases of the respiratory system' },
  { chapter: 'XI', from: 'K00', to: 'K93', title: 'Diseases of the digestive system' },
  { chapter: 'XII', from: 'L00', to: 'L99', title: 'Diseases of the skin and subcutaneous tissue' },
  { chapter: 'XIII', from: 'M00', to: 'M99', title: 'Diseases of the musculoskeletal system' },
  { chapter: 'XIV', from: 'N00', to: 'N99', title: 'Diseases of the genitourinary system' },
  { chapter: 'XV', from: 'O00', to: 'O99', title: 'Pregnancy, childbirth and the puerperium' },
  { chapter: 'XVI', from: 'P00', to: 'P96', title: 'Certain conditions originating in the perinatal period' },
  { chapter: 'XVII', from: 'Q00', to: 'Q99', title: 'Congenital malformations and chromosomal abnormalities' },
  { chapter: 'XVIII', from: 'R00', to: 'R99', title: 'Symptoms, signs and abnormal findings not elsewhere classified' },
  { chapter: 'XIX', from: 'S00', to: 'T98', title: 'Injury, poisoning and other consequences of external causes' },
  { chapter: 'XX', from: 'V01', to: 'Y98', title: 'External causes of morbidity and mortality' },
  { chapter: 'XXI', from: 'Z00', to: 'Z99', title: 'Factors influencing health status and contact with services' },
  { chapter: 'XXII', from: 'U00', to: 'U85', title: 'Codes for special purposes' },
];

const ICD10_CODE = /^\s*([A-Z])(\d{2})(?:\.\d{1,2})?(?=$|[\s:;,.)-])/i;

/** The ICD-10 chapter of a cause written with its code first ("I21.9 Acute myocardial infarction"), else null. */
export function icd10Chapter(cause: string): string | null {
  const match = ICD10_CODE.exec(cause);
  if (!match) return null;
  const code = `${match[1].toUpperCase()}${match[2]}`;
  return ICD10_CHAPTERS.find((c) => code >= c.from && code <= c.to)?.chapter ?? null;
}
