import type { DedupConfig, DedupMatcher } from '@lifeline/domain';

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

/** Words written for a child not named yet, in the country's languages. */
const placeholderNames = ['baby', 'infant', 'newborn', 'unnamed', 'bebe', 'enfant'];

/**
 * The mother's birth dates within a year, or one of them not given (an age instead): a missing date neither
 * confirms nor refutes, where a bare dateRange would refute.
 */
const motherBornWithinAYear: DedupMatcher = {
  type: 'or',
  matchers: [
    { type: 'dateRange', field: 'mother.dob', days: 365 },
    { type: 'strict', field: 'mother.dob' },
  ],
};

/** fuzzy at 1 on an ID: given in both and identical (strict would also accept a missing one). */
const motherIdGivenAndEqual: DedupMatcher = { type: 'fuzzy', field: 'mother.nid', threshold: 1 };

export const birthDeduplication: DedupConfig = {
  rules: [
    {
      id: 'same-child-same-mother',
      description: {
        en: 'Similar child name, date of birth within 5 days, the same mother (similar name or same ID) born within a year, same mother ID when both give one',
        fr: "Nom d'enfant proche, naissance à 5 jours près, même mère (nom proche ou même pièce d'identité) née à un an près, même pièce d'identité si les deux en ont une",
      },
      matcher: {
        type: 'and',
        matchers: [
          { type: 'fuzzy', field: 'child.name' },
          { type: 'dateRange', field: 'child.dob', days: 5 },
          // A mother who married since may give another surname: her ID, given in both and equal, also says it is her.
          { type: 'or', matchers: [{ type: 'fuzzy', field: 'mother.name' }, motherIdGivenAndEqual] },
          motherBornWithinAYear,
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
          motherBornWithinAYear,
          { type: 'dateRange', field: 'child.dob', days: 270 },
          { type: 'strict', field: 'child.gender' },
          // 0.9, not 0.8: at 0.8 most twins (same mother, same day) were flagged as duplicates of each other.
          { type: 'fuzzy', field: 'child.name', threshold: 0.9 },
        ],
      },
    },
    {
      id: 'same-name-nearby-date',
      description: {
        en: 'Identical child name, date of birth within 3 years, similar mother, same mother ID when both give one',
        fr: "Nom d'enfant identique, naissance à 3 ans près, mère au nom proche, même pièce d'identité si les deux en ont une",
      },
      matcher: {
        type: 'and',
        matchers: [
          { type: 'fuzzy', field: 'child.name', threshold: 0.97 },
          { type: 'dateRange', field: 'child.dob', days: 1095 },
          { type: 'fuzzy', field: 'mother.name' },
          // Namesakes born to different mothers are common; the mother's ID tells them apart.
          { type: 'strict', field: 'mother.nid' },
        ],
      },
    },
  ],
  nameVariants,
  placeholderNames,
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
  placeholderNames,
  maxCandidates: 50,
};

/** A couple registered twice: both names close, and each spouse's ID the same when given. */
export const marriageDeduplication: DedupConfig = {
  rules: [
    {
      id: 'same-couple',
      description: {
        en: 'Similar names of both spouses, same IDs when given',
        fr: 'Noms proches des deux époux, mêmes identités si connues',
      },
      matcher: {
        type: 'and',
        matchers: [
          { type: 'fuzzy', field: 'groom.name' },
          { type: 'fuzzy', field: 'bride.name' },
          { type: 'strict', field: 'groom.nid' },
          { type: 'strict', field: 'bride.nid' },
        ],
      },
    },
  ],
  nameVariants,
  placeholderNames,
  maxCandidates: 50,
};
