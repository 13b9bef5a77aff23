import { todayIn } from '@lifeline/domain';
import { completeBirth, completeDeath } from '@lifeline/farajaland/fixtures';

export { IBOMBO_DISTRICT_HOSPITAL } from '@lifeline/farajaland/fixtures';

export function daysAgo(days: number): string {
  const d = new Date(`${todayIn('Africa/Lusaka')}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

// Each fixture gets a different mother / deceased (name and ID), so tests that register many records do not
// trip duplicate detection; tests of deduplication build their duplicates on purpose.
const MOTHERS = ['Mwila', 'Ruth', 'Esther', 'Agnes', 'Beatrice', 'Loveness', 'Precious', 'Memory', 'Gift', 'Mercy'];
const FAMILIES = ['Tembo', 'Zulu', 'Mwale', 'Chanda', 'Kapata', 'Lungu', 'Sakala', 'Nkhoma', 'Daka', 'Kunda'];
const MIDDLE = [
  'Hope',
  'Joy',
  'Faith',
  'Lydia',
  'Naomi',
  'Sarah',
  'Zoe',
  'Irene',
  'Wendy',
  'Olive',
  'Ursula',
  'Bertha',
];
let sequence = 0;
function nextPerson() {
  sequence += 1;
  const n = sequence;
  return {
    name: { firstname: MOTHERS[n % 10], surname: FAMILIES[Math.floor(n / 10) % 10] },
    middlename: MIDDLE[n % MIDDLE.length],
    nid: String(1_000_000_000 + n * 7919).slice(0, 10),
    otherNid: String(2_000_000_000 + n * 7919).slice(0, 10),
  };
}

/** The Farajaland complete birth (Chanda <middle name> Mulenga), born 10 days ago so it is on time today. */
export function birthDeclaration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const mother = nextPerson();
  return {
    ...completeBirth(),
    'child.dob': daysAgo(10),
    'child.name': { firstname: 'Chanda', middlename: mother.middlename, surname: 'Mulenga' },
    'mother.name': mother.name,
    'mother.nid': mother.nid,
    'father.nid': mother.otherNid,
    ...overrides,
  };
}

/** The Farajaland complete death (Joseph Phiri), 5 days ago. */
export function deathDeclaration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const deceased = nextPerson();
  return { ...completeDeath(), 'eventDetails.date': daysAgo(5), 'deceased.nid': deceased.nid, ...overrides };
}
