import type { JsonObject } from '@lifeline/domain';
import { addDays, daysApart, Population, type Child, type Family, type Gender, type SeedRecord } from './population.ts';
import { Rng } from './prng.ts';

/**
 * A labelled duplicate-detection set from a seeded generator (same seed, same set): base births, and for each
 * one a second declaration ("probe") that is either the same birth declared again with the mistakes people make,
 * or a different birth that looks alike (the hard non-duplicates a register is full of).
 */

export const DUPLICATE_KINDS = [
  'typo-substitution',
  'typo-insertion',
  'typo-deletion',
  'typo-transposition',
  'swapped-names',
  'name-variant',
  'phonetic-respelling',
  'date-shift',
  'date-day-month',
  'mother-nid-missing',
  'middle-name-dropped',
  // Beyond the brief's list, both common in practice:
  'mother-dob-as-age',
  'two-errors',
] as const;
export type DuplicateKind = (typeof DUPLICATE_KINDS)[number];

/**
 * Harder duplicates reported apart (not in the headline figures): the child declared before being named
 * ("Baby" + surname, as health facilities often notify), and the mother under another surname (maiden and
 * married names).
 */
export const EXTRA_KINDS = ['child-renamed', 'mother-surname-changed'] as const;
export type ExtraKind = (typeof EXTRA_KINDS)[number];

export const NON_DUPLICATE_KINDS = ['sibling', 'twin', 'namesake', 'other-family'] as const;
export type NonDuplicateKind = (typeof NON_DUPLICATE_KINDS)[number];

export interface LabelledPair {
  index: number;
  base: SeedRecord;
  probe: JsonObject;
  duplicate: boolean;
  kind: DuplicateKind | NonDuplicateKind | ExtraKind;
  /** One of the extra, harder kinds (reported apart from the headline figures). */
  extra: boolean;
  /** What differs, e.g. "child first name Chanda -> Chnada". */
  detail: string;
}

type SingleKind = Exclude<DuplicateKind, 'two-errors'> | ExtraKind;

const FEMALE_VARIANT_GROUPS = new Set(['elizabeth', 'catherine', 'mary', 'grace', 'aisha', 'fatima']);
const capitalize = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

// QWERTY neighbours, for realistic substitutions and insertions.
const KEYBOARD: Record<string, string> = {
  a: 'qwsz',
  b: 'vghn',
  c: 'xdfv',
  d: 'serfcx',
  e: 'wsdr',
  f: 'drtgvc',
  g: 'ftyhbv',
  h: 'gyujnb',
  i: 'ujko',
  j: 'huikmn',
  k: 'jiolm',
  l: 'kop',
  m: 'njk',
  n: 'bhjm',
  o: 'iklp',
  p: 'ol',
  q: 'wa',
  r: 'edft',
  s: 'awedxz',
  t: 'rfgy',
  u: 'yhji',
  v: 'cfgb',
  w: 'qase',
  x: 'zsdc',
  y: 'tghu',
  z: 'asx',
};

function keepCase(original: string, changed: string): string {
  return original[0] === original[0].toUpperCase() ? capitalize(changed.toLowerCase()) : changed;
}

/** One keyboard typo in a word, never on its first letter (people rarely get that wrong). */
export function typo(rng: Rng, word: string, kind: 'substitution' | 'insertion' | 'deletion' | 'transposition') {
  const w = word.toLowerCase();
  if (w.length < 3) return word + (kind === 'deletion' ? '' : 'a');
  const at = rng.between(1, w.length - 1);
  let out = w;
  switch (kind) {
    case 'substitution': {
      const near = KEYBOARD[w[at]] ?? 'aeiou';
      out = w.slice(0, at) + rng.pick([...near]) + w.slice(at + 1);
      break;
    }
    case 'insertion': {
      const near = KEYBOARD[w[at - 1]] ?? 'aeiou';
      const ch = rng.chance(0.4) ? w[at - 1] : rng.pick([...near]);
      out = w.slice(0, at) + ch + w.slice(at);
      break;
    }
    case 'deletion':
      out = w.slice(0, at) + w.slice(at + 1);
      break;
    case 'transposition': {
      const i = Math.min(at, w.length - 2);
      out = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
      if (out === w) out = w.slice(0, 1) + w[2] + w[1] + w.slice(3);
      break;
    }
  }
  return keepCase(word, out);
}

/** Spellings that sound the same: ph/f, c/k, ch/c (Bemba orthography), -ah, double letters, l/r, y/i, mw/mu. */
const RESPELLINGS: Array<[string, RegExp, string]> = [
  ['ph->f', /ph/, 'f'],
  ['f->ph', /f/, 'ph'],
  ['k->c', /k(?=[aou])/, 'c'],
  ['c->k', /c(?=[aou])/, 'k'],
  ['ch->c', /ch/, 'c'],
  ['ending a->ah', /a$/, 'ah'],
  ['double letter', /([lnmts])(?=[aeiou])/, '$1$1'],
  ['l->r', /l/, 'r'],
  ['y->i', /y(?=[aeiou])/, 'i'],
  ['i->y', /(?<=[^aeiou])i(?=[aeiou])/, 'y'],
  ['mw->mu', /mw/, 'mu'],
];

export function respell(rng: Rng, word: string): { word: string; rule: string } | null {
  const w = word.toLowerCase();
  const options = rng.shuffle(RESPELLINGS.slice()).filter(([, re]) => re.test(w.slice(1)) || re.test(w));
  for (const [rule, re, to] of options) {
    // Keep the first letter when possible (people hear it clearly).
    const tail = w.slice(1).replace(re, to);
    const changed = tail !== w.slice(1) ? w[0] + tail : w.replace(re, to);
    if (changed !== w) return { word: keepCase(word, changed), rule };
  }
  return null;
}

interface NameTarget {
  field: 'child.name' | 'mother.name';
  part: 'firstname' | 'surname';
}

function pickTarget(rng: Rng): NameTarget {
  return rng.weighted<NameTarget>([
    [{ field: 'child.name', part: 'firstname' }, 40],
    [{ field: 'child.name', part: 'surname' }, 25],
    [{ field: 'mother.name', part: 'firstname' }, 20],
    [{ field: 'mother.name', part: 'surname' }, 15],
  ]);
}

/** Two different errors; not both date errors (they would touch the same field). */
function twoErrors(rng: Rng): SingleKind[] {
  const all = rng.shuffle(DUPLICATE_KINDS.filter((k) => k !== 'two-errors') as SingleKind[]);
  const dates = new Set<SingleKind>(['date-shift', 'date-day-month']);
  const second = all.slice(1).find((k) => !(dates.has(k) && dates.has(all[0])))!;
  // The variant replaces the name as registered: apply it before anything else changes that name.
  return [all[0], second].sort((a, b) => Number(b === 'name-variant') - Number(a === 'name-variant'));
}

const nameOf = (d: JsonObject, field: string) => ({ ...(d[field] as Record<string, string>) });

export class LabelledSetGenerator {
  private readonly variantGroups: string[][];

  constructor(
    private readonly pop: Population,
    nameVariants: string[][],
  ) {
    this.variantGroups = nameVariants;
  }

  /** `count` pairs, half duplicates; then `extraPerKind` pairs of each extra kind. */
  generate(count: number, rng: Rng, extraPerKind = 0): LabelledPair[] {
    const pairs: LabelledPair[] = [];
    const duplicates = Math.ceil(count / 2);
    for (let i = 0; i < count; i++) {
      const r = rng.fork(`pair/${i}`);
      if (i < duplicates) pairs.push(this.duplicate(r, i, DUPLICATE_KINDS[i % DUPLICATE_KINDS.length]));
      else pairs.push(this.nonDuplicate(r, i, NON_DUPLICATE_KINDS[(i - duplicates) % NON_DUPLICATE_KINDS.length]));
    }
    for (let j = 0; j < extraPerKind * EXTRA_KINDS.length; j++) {
      const i = count + j;
      pairs.push(this.duplicate(rng.fork(`extra/${j}`), i, EXTRA_KINDS[j % EXTRA_KINDS.length]));
    }
    return pairs;
  }

  /** A second declaration of an existing record's birth with one realistic mistake (no preparation needed). */
  redeclare(rng: Rng, declaration: JsonObject): { probe: JsonObject; kind: SingleKind; detail: string } {
    const kinds: SingleKind[] = [
      'typo-substitution',
      'typo-insertion',
      'typo-deletion',
      'typo-transposition',
      'swapped-names',
      'phonetic-respelling',
      'date-shift',
    ];
    if ((declaration['child.name'] as { middlename?: string }).middlename) kinds.push('middle-name-dropped');
    if (declaration['mother.nid']) kinds.push('mother-nid-missing');
    const kind = rng.pick(kinds);
    const probe = structuredClone(declaration);
    // The registered record stays as it is: a missing ID is always the new declaration's.
    const base = kind === 'mother-nid-missing' ? probe : structuredClone(declaration);
    const detail = this.apply(rng, kind, probe, base, {});
    return { probe, kind, detail };
  }

  /** The probe is declared today: a birth more than a year ago needs the reason for the delay. */
  private finish(probe: JsonObject): JsonObject {
    if (daysApart(probe['child.dob'] as string, this.pop.today) > 365) {
      probe['child.reason'] ??= 'Not registered at the time of birth';
    } else delete probe['child.reason'];
    return probe;
  }

  private baseBirth(rng: Rng): { family: Family; child: Child } {
    // Base births are at least 30 days old, so any sibling or re-declaration can be dated.
    const dob = addDays(this.pop.today, -rng.between(30, 3652));
    const family = this.pop.family(rng, dob);
    const child = this.pop.child(rng, family, dob);
    return { family, child };
  }

  /** Make the base birth able to carry the error (a middle name to drop, a date whose day can be a month...). */
  private prepare(rng: Rng, kind: SingleKind, family: Family, child: Child, state: { variantOf?: NameTarget }) {
    switch (kind) {
      case 'name-variant': {
        const inMother = rng.chance(0.3);
        const gender: Gender = inMother ? 'female' : child.gender;
        const groups = this.variantGroups.filter((g) => FEMALE_VARIANT_GROUPS.has(g[0]) === (gender === 'female'));
        const group = rng.pick(groups);
        const person = inMother ? family.mother.name : child.name;
        person.firstname = capitalize(group[rng.int(group.length)]);
        state.variantOf = { field: inMother ? 'mother.name' : 'child.name', part: 'firstname' };
        break;
      }
      case 'date-day-month': {
        const [y, m] = child.dob.split('-').map(Number);
        let day = rng.between(1, 12);
        if (day === m) day = (day % 12) + 1;
        const dob = `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const swapped = `${y}-${String(day).padStart(2, '0')}-${String(m).padStart(2, '0')}`;
        // Both dates must be in the past.
        child.dob = dob > this.pop.today || swapped > this.pop.today ? addDays(dob, -365) : dob;
        break;
      }
      case 'mother-nid-missing':
        family.mother.nid ??= this.pop.newNid();
        break;
      case 'middle-name-dropped':
        if (!child.name.middlename) child.name.middlename = rng.pick(['Grace', 'Joy', 'Faith', 'Joseph', 'Peter']);
        break;
      case 'mother-dob-as-age':
        family.mother.dobKnown = true;
        break;
      default:
        break;
    }
  }

  /** Apply one error to the probe; returns what changed. */
  private apply(rng: Rng, kind: SingleKind, probe: JsonObject, base: JsonObject, state: { variantOf?: NameTarget }) {
    switch (kind) {
      case 'typo-substitution':
      case 'typo-insertion':
      case 'typo-deletion':
      case 'typo-transposition': {
        const t = pickTarget(rng);
        const name = nameOf(probe, t.field);
        const before = name[t.part];
        name[t.part] = typo(rng, before, kind.slice(5) as 'substitution');
        probe[t.field] = name;
        return `${t.field}.${t.part} ${before} -> ${name[t.part]}`;
      }
      case 'swapped-names': {
        const field = rng.chance(0.75) ? 'child.name' : 'mother.name';
        const name = nameOf(probe, field);
        [name.firstname, name.surname] = [name.surname, name.firstname];
        probe[field] = name;
        return `${field} first name and surname swapped: ${name.firstname} ${name.surname}`;
      }
      case 'name-variant': {
        const t = state.variantOf ?? { field: 'child.name', part: 'firstname' };
        const name = nameOf(probe, t.field);
        const before = name.firstname.toLowerCase();
        const group = this.variantGroups.find((g) => g.includes(before))!;
        const others = group.filter((g) => g !== before);
        name.firstname = capitalize(rng.pick(others));
        probe[t.field] = name;
        return `${t.field}.firstname ${capitalize(before)} -> ${name.firstname}`;
      }
      case 'phonetic-respelling': {
        for (let attempt = 0; attempt < 8; attempt++) {
          const t = pickTarget(rng);
          const name = nameOf(probe, t.field);
          const before = name[t.part];
          const changed = respell(rng, before);
          if (!changed) continue;
          name[t.part] = changed.word;
          probe[t.field] = name;
          return `${t.field}.${t.part} ${before} -> ${changed.word} (${changed.rule})`;
        }
        return 'no respelling applied';
      }
      case 'date-shift': {
        const before = probe['child.dob'] as string;
        let shift = rng.between(1, 3) * (rng.chance(0.5) ? 1 : -1);
        if (addDays(before, shift) > this.pop.today) shift = -shift;
        probe['child.dob'] = addDays(before, shift);
        return `child.dob ${before} -> ${probe['child.dob'] as string} (${shift > 0 ? '+' : ''}${shift} d)`;
      }
      case 'date-day-month': {
        const before = probe['child.dob'] as string;
        const [y, m, d] = before.split('-');
        probe['child.dob'] = `${y}-${d}-${m}`;
        return `child.dob ${before} -> ${probe['child.dob'] as string} (day/month swapped, ${Math.abs(daysApart(before, probe['child.dob'] as string))} d apart)`;
      }
      case 'mother-nid-missing': {
        const inBase = rng.chance(0.5);
        const target = inBase ? base : probe;
        delete target['mother.nid'];
        target['mother.idType'] = 'NONE';
        return `mother.nid missing in the ${inBase ? 'registered record' : 'new declaration'}`;
      }
      case 'middle-name-dropped': {
        const name = nameOf(probe, 'child.name');
        const before = name.middlename;
        delete name.middlename;
        probe['child.name'] = name;
        return `child.name middle name ${before} dropped`;
      }
      case 'child-renamed': {
        // The registered record is the facility's notification made before the child was named, or the other way.
        const inBase = rng.chance(0.5);
        const target = inBase ? base : probe;
        const name = nameOf(target, 'child.name');
        const before = name.firstname;
        name.firstname = 'Baby';
        delete name.middlename;
        target['child.name'] = name;
        return `child.name.firstname ${before} given as "Baby" in the ${inBase ? 'registered record' : 'new declaration'}`;
      }
      case 'mother-surname-changed': {
        const name = nameOf(probe, 'mother.name');
        const before = name.surname;
        const father = probe['father.name'] as { surname?: string } | undefined;
        name.surname =
          father?.surname && father.surname !== before ? father.surname : this.pop.names.surnames.draw(rng);
        probe['mother.name'] = name;
        return `mother.name.surname ${before} -> ${name.surname} (maiden / married name)`;
      }
      case 'mother-dob-as-age': {
        const dob = probe['mother.dob'] as string;
        delete probe['mother.dob'];
        probe['mother.dobUnknown'] = true;
        probe['mother.age'] = Math.floor(daysApart(dob, this.pop.today) / 365.25);
        return `mother.dob ${dob} given as age ${probe['mother.age'] as number}`;
      }
    }
  }

  private duplicate(rng: Rng, index: number, kind: DuplicateKind | ExtraKind): LabelledPair {
    const { family, child } = this.baseBirth(rng);
    const singles: SingleKind[] = kind === 'two-errors' ? twoErrors(rng) : [kind];
    const state: { variantOf?: NameTarget } = {};
    for (const k of singles) this.prepare(rng, k, family, child, state);
    const base = this.pop.record(rng, family, child, 'REGISTERED');
    const probe = structuredClone(base.declaration);
    const details = singles.map(
      (k) => `${kind === 'two-errors' ? `${k}: ` : ''}${this.apply(rng, k, probe, base.declaration, state)}`,
    );
    return {
      index,
      base,
      probe: this.finish(probe),
      duplicate: true,
      kind,
      extra: (EXTRA_KINDS as readonly string[]).includes(kind),
      detail: details.join('; '),
    };
  }

  private nonDuplicate(rng: Rng, index: number, kind: NonDuplicateKind): LabelledPair {
    const { family, child } = this.baseBirth(rng);
    const differentFirstName = (gender: Gender) => {
      let name = this.pop.firstName(rng, gender);
      while (name === child.name.firstname) name = this.pop.firstName(rng, gender);
      return name;
    };
    let probeDeclaration: JsonObject;
    let detail: string;
    let base: SeedRecord;
    switch (kind) {
      case 'sibling': {
        base = this.pop.record(rng, family, child, 'REGISTERED');
        const gap = rng.between(365, 4 * 365);
        let dob = addDays(child.dob, gap);
        if (dob >= this.pop.today) dob = addDays(child.dob, -gap);
        const sibling = this.pop.child(rng, family, dob);
        sibling.name.firstname = differentFirstName(sibling.gender);
        sibling.name.surname = child.name.surname;
        probeDeclaration = this.pop.record(rng, family, sibling, 'REGISTERED').declaration;
        detail = `sibling ${sibling.name.firstname} born ${Math.abs(daysApart(child.dob, dob))} d apart`;
        break;
      }
      case 'twin': {
        child.birthType = 'TWIN';
        base = this.pop.record(rng, family, child, 'REGISTERED');
        const gender = rng.chance(2 / 3) ? child.gender : child.gender === 'male' ? 'female' : 'male';
        const twin = this.pop.child(rng, family, child.dob, { gender, twin: true });
        twin.name.firstname = differentFirstName(gender);
        twin.name.surname = child.name.surname;
        probeDeclaration = this.pop.record(rng, family, twin, 'REGISTERED').declaration;
        detail = `twin ${twin.name.firstname} (${gender === child.gender ? 'same' : 'other'} sex) of ${child.name.firstname}`;
        break;
      }
      case 'namesake': {
        base = this.pop.record(rng, family, child, 'REGISTERED');
        let dob = addDays(child.dob, rng.between(-730, 730));
        if (dob >= this.pop.today) dob = addDays(this.pop.today, -rng.between(1, 30));
        const other = this.pop.family(rng, dob);
        if (rng.chance(0.3)) other.mother.name.surname = family.mother.name.surname;
        const namesake = this.pop.child(rng, other, dob, { gender: child.gender });
        namesake.name = { ...child.name };
        probeDeclaration = this.pop.record(rng, other, namesake, 'REGISTERED').declaration;
        detail = `namesake born ${Math.abs(daysApart(child.dob, dob))} d apart, mother ${other.mother.name.firstname} ${other.mother.name.surname} vs ${family.mother.name.firstname} ${family.mother.name.surname}`;
        break;
      }
      case 'other-family': {
        base = this.pop.record(rng, family, child, 'REGISTERED');
        const dob = addDays(child.dob, rng.between(-1, 1) || 0);
        const other = this.pop.family(rng, dob);
        other.facility = family.facility;
        other.village = family.village;
        other.villageName = family.villageName;
        const baby = this.pop.child(rng, other, dob > this.pop.today ? child.dob : dob);
        probeDeclaration = this.pop.record(rng, other, baby, 'REGISTERED').declaration;
        detail = `another family, same facility, born ${Math.abs(daysApart(child.dob, baby.dob))} d apart`;
        break;
      }
    }
    return { index, base, probe: this.finish(probeDeclaration), duplicate: false, kind, extra: false, detail };
  }
}
