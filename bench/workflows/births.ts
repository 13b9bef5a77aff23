import { todayIn } from '@lifeline/domain';
import { completeBirth } from '@lifeline/farajaland/fixtures';
import { buildNameLists } from '../search/names.ts';
import { Rng } from '../search/prng.ts';

/**
 * The births the workflow bench declares: Farajaland's complete birth (the fixture's documents and places) with
 * the names of the search bench's population (a few hundred given names and surnames per list, Zipf-distributed
 * as in a real register: thousands of distinct full names, a few very common), a mother with her own national
 * ID, dates spread over the last weeks; and a share of true duplicates: the same child declared again (same
 * mother, same ID, birth date one day off), which the country's duplicate rules must catch at DECLARE.
 */
export interface Birth {
  declaration: Record<string, unknown>;
  /** The original this declaration duplicates (it must be flagged), or null (it must not be). */
  duplicateOf: Record<string, unknown> | null;
}

export interface Births {
  next(): Birth;
  /** An original's workflow completed (registered): from now on it may be declared again as a duplicate. */
  registered(birth: Birth): void;
  /** Distinct children's and mothers' full names handed out so far. */
  distinct(): { children: number; mothers: number; declarations: number; duplicates: number };
}

const DAY = 86_400_000;
const daysAgo = (today: string, days: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);
const fullName = (n: unknown) => Object.values(n as Record<string, string>).join(' ');

/**
 * `duplicateShare`: the share of declarations that re-declare a registered child. `runSeed` keeps two runs on one
 * database from sharing national IDs.
 */
export function birthsFactory(duplicateShare: number, runSeed = Math.floor(Math.random() * 1_000_000_000)): Births {
  const base = completeBirth();
  const today = todayIn('Africa/Lusaka');
  const rng = new Rng(`workflows/${runSeed}`);
  const names = buildNameLists('workflows', 300);
  const children = new Set<string>();
  const mothers = new Set<string>();
  // Registered originals, oldest dropped first: duplicates come a while after the original, as in an office.
  const pool: Birth[] = [];
  let counter = 0;
  let duplicates = 0;
  const nid = (n: number) => String(1_000_000_000 + ((runSeed * 4 + n) % 9_000_000_000));

  const original = (): Birth => {
    const n = counter++;
    const gender = rng.chance(0.5) ? 'female' : 'male';
    const surname = names.surnames.draw(rng);
    const child: Record<string, string> = {
      firstname: (gender === 'female' ? names.female : names.male).draw(rng),
      ...(rng.chance(0.4) ? { middlename: names.middle.draw(rng) } : {}),
      surname,
    };
    // Most mothers share the child's surname; some kept their own.
    const mother = { firstname: names.female.draw(rng), surname: rng.chance(0.7) ? surname : names.surnames.draw(rng) };
    const motherYear = rng.between(1978, 2004);
    const dob = (year: number) =>
      `${year}-${String(rng.between(1, 12)).padStart(2, '0')}-${String(rng.between(1, 28)).padStart(2, '0')}`;
    children.add(fullName(child));
    mothers.add(fullName(mother));
    return {
      declaration: {
        ...base,
        'child.dob': daysAgo(today, rng.between(2, 25)),
        'child.name': child,
        'child.gender': gender,
        'child.weightAtBirth': 2.5 + rng.int(20) / 10,
        'mother.name': mother,
        'mother.dob': dob(motherYear),
        'mother.nid': nid(n * 2),
        'father.name': { firstname: names.male.draw(rng), surname },
        'father.dob': dob(motherYear - rng.between(0, 8)),
        'father.nid': nid(n * 2 + 1),
      },
      duplicateOf: null,
    };
  };

  return {
    next() {
      if (pool.length && rng.chance(duplicateShare)) {
        const of = pool[rng.int(pool.length)].declaration;
        duplicates++;
        // The same child declared again: a day off on the birth date, another weight written down.
        const dob = new Date(Date.parse(`${String(of['child.dob'])}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
        return {
          declaration: { ...of, 'child.dob': dob, 'child.weightAtBirth': 2.5 + rng.int(20) / 10 },
          duplicateOf: of,
        };
      }
      return original();
    },
    registered(birth) {
      if (birth.duplicateOf) return;
      pool.push(birth);
      if (pool.length > 2000) pool.splice(0, pool.length - 2000);
    },
    distinct: () => ({ children: children.size, mothers: mothers.size, declarations: counter, duplicates }),
  };
}
