import { todayIn } from '@lifeline/domain';
import { completeBirth } from '@lifeline/farajaland/fixtures';

// Names of the region, no two spelled or sounding nearly alike, so that generated children never look like
// duplicates of one another to the country's duplicate rules (which would stop their workflows for review).
const words = (s: string) => s.split(' ');

const CHILD_FIRST = words(
  'Chanda Bwalya Mutale Natasha Kondwani Thandiwe Chileshe Mapalo Lubona Musonda Chipo Nkandu ' +
    'Temwani Kabwe Luyando Mwape Dalitso Tiwonge Kasonde Mirriam Joseph Peter Ruth Esther Daniel ' +
    'Samuel Agnes Brian Felix Gift Innocent Lazarus Oscar Violet Wezi Yande Zikomo Hellen Isaac ' +
    'Vincent',
);
const MIDDLE = words(
  'Grace Joy Faith Hope Mercy Peace Blessing Patience Precious Given Moses Elijah Aaron Ben Caleb ' +
    'Dorcas Leah Naomi Titus Silas',
);
const SURNAMES = words(
  'Mulenga Banda Phiri Tembo Mwansa Zulu Lungu Chilufya Kapasa Mumba Sakala Ngoma Simwanza Kaunda ' +
    'Daka Hamoonga Jere Kalaba Liswaniso Mwale Nyirenda Sichone Tonga Wamulume Bota Chisenga ' +
    'Fundafunda Gondwe Imasiku Kabaso Lubinda Malambo Nawa Ogden Pumulo Sinkala Undi Vubwi Yamba ' +
    'Chewe',
);
const MOTHER_FIRST = words(
  'Mwila Bupe Chisomo Doreen Elina Febby Gloria Harriet Idah Jane Kunda Lydia Martha Nchimunya ' +
    'Olivia Priscilla Rhoda Sarah Tamara Ursula',
);
const FATHER_FIRST = words(
  'Bwalya Chola Davies Emmanuel Francis George Henry Jackson Kelvin Lewis Mathews Nelson Obed ' +
    'Patrick Robert Stephen Thomas Victor Wilson Xavier',
);

/** The country's "today" minus `days`, as YYYY-MM-DD. */
function daysAgo(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** A 10-digit national ID (1000000000..9999999999) from any non-negative integer. */
function nid(n: number): string {
  return String(1_000_000_000 + (n % 9_000_000_000));
}

/** Distinct children's names: the first CHILD_FIRST * MIDDLE * SURNAMES (32,000) workflows never repeat one. */
export const DISTINCT_NAMES = CHILD_FIRST.length * MIDDLE.length * SURNAMES.length;

/**
 * Complete Farajaland birth declarations (the fixture's), each with its own child's name, parents' names, dates
 * of birth and national IDs (mother and father always different). Births fall 1 to 25 days ago: on time.
 * `runSeed` keeps two runs on the same database from reusing the same IDs.
 */
export function declarationFactory(runSeed = Math.floor(Math.random() * 1_000_000_000)) {
  const base = completeBirth();
  const today = todayIn('Africa/Lusaka');
  let counter = 0;
  return (): Record<string, unknown> => {
    const n = counter++;
    const surname = SURNAMES[n % SURNAMES.length];
    const first = CHILD_FIRST[Math.floor(n / SURNAMES.length) % CHILD_FIRST.length];
    const middle = MIDDLE[Math.floor(n / (SURNAMES.length * CHILD_FIRST.length)) % MIDDLE.length];
    const id = runSeed * 2 + n * 2;
    const motherYear = 1980 + (n % 22);
    const month = String(1 + (n % 12)).padStart(2, '0');
    const day = String(1 + (n % 28)).padStart(2, '0');
    return {
      ...base,
      'child.dob': daysAgo(today, 1 + (n % 25)),
      'child.name': { firstname: first, middlename: middle, surname },
      'child.gender': n % 2 ? 'male' : 'female',
      'child.weightAtBirth': 2.5 + (n % 20) / 10,
      'mother.name': { firstname: MOTHER_FIRST[(n * 7) % MOTHER_FIRST.length], surname },
      'mother.dob': `${motherYear}-${month}-${day}`,
      'mother.nid': nid(id),
      'father.name': { firstname: FATHER_FIRST[(n * 3) % FATHER_FIRST.length], surname },
      'father.dob': `${motherYear - 3}-${month}-${day}`,
      'father.nid': nid(id + 1),
    };
  };
}
