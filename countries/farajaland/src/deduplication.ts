import type { DedupConfig } from '@lifeline/domain';

/**
 * Farajaland's duplicate rules, after the reference system's defaults (any one rule flags a potential duplicate),
 * tightened where measurement showed false alarms: see docs/deduplication.md for precision and recall.
 */

/** Spellings that are the same name: common nicknames and transliterations in the region. */
const nameVariants = [
  ['mohammed', 'muhammad', 'mohamed', 'mohammad', 'muhamed'],
  ['joseph', 'josef', 'joe'],
  ['john', 'jon', 'johan', 'johannes'],
  ['elizabeth', 'elisabeth', 'liz', 'beth', 'lizzy'],
  ['catherine', 'katherine', 'kathryn', 'cathy', 'kate'],
  ['christopher', 'kristopher', 'chris'],
  ['michael', 'mikael', 'mike'],
  ['mary', 'maria', 'marie'],
  ['peter', 'petro', 'pieter'],
  ['grace', 'gracious'],
  ['aisha', 'ayesha', 'aishah'],
  ['fatima', 'fatuma', 'fatimah'],
];

export const birthDeduplication: DedupConfig = {
  rules: [
    {
      id: 'same-child-same-mother',
      description: {
        en: 'Similar child name, date of birth within 5 days, similar mother born within a year, same mother ID',
        fr: "Nom d'enfant proche, naissance à 5 jours près, mère au nom proche née à un an près, même pièce d'identité",
      },
      matcher: {
        type: 'and',
        matchers: [
          { type: 'fuzzy', field: 'child.name' },
          { type: 'dateRange', field: 'child.dob', days: 5 },
          { type: 'fuzzy', field: 'mother.name' },
          { type: 'dateRange', field: 'mother.dob', days: 365 },
          { type: 'strict', field: 'mother.nid' },
        ],
      },
    },
    {
      id: 'same-mother-same-pregnancy',
      description: {
        en: 'Same mother (similar name, same ID, born within a year), children born within 270 days, same sex',
        fr: 'Même mère (nom proche, même identité, née à un an près), enfants nés à 270 jours près, même sexe',
      },
      matcher: {
        type: 'and',
        matchers: [
          { type: 'fuzzy', field: 'mother.name', threshold: 0.9 },
          { type: 'strict', field: 'mother.nid' },
          { type: 'dateRange', field: 'mother.dob', days: 365 },
          { type: 'dateRange', field: 'child.dob', days: 270 },
          { type: 'strict', field: 'child.gender' },
          { type: 'fuzzy', field: 'child.name', threshold: 0.8 },
        ],
      },
    },
    {
      id: 'same-name-nearby-date',
      description: {
        en: 'Identical child name, date of birth within 3 years, similar mother',
        fr: "Nom d'enfant identique, naissance à 3 ans près, mère au nom proche",
      },
      matcher: {
        type: 'and',
        matchers: [
          { type: 'fuzzy', field: 'child.name', threshold: 0.97 },
          { type: 'dateRange', field: 'child.dob', days: 1095 },
          { type: 'fuzzy', field: 'mother.name' },
        ],
      },
    },
  ],
  nameVariants,
  maxCandidates: 50,
};

export const deathDeduplication: DedupConfig = {
  rules: [
    {
      id: 'same-deceased',
      description: {
        en: 'Similar name, same ID when given, died within 5 days, born within a year',
        fr: 'Nom proche, même identité si connue, décès à 5 jours près, naissance à un an près',
      },
      matcher: {
        type: 'and',
        matchers: [
          { type: 'fuzzy', field: 'deceased.name' },
          { type: 'strict', field: 'deceased.nid' },
          { type: 'dateRange', field: 'eventDetails.date', days: 5 },
          { type: 'dateRange', field: 'deceased.dob', days: 365 },
        ],
      },
    },
  ],
  nameVariants,
  maxCandidates: 50,
};
