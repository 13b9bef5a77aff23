import type { JsonObject } from '@lifeline/domain';
import type { Country } from '../../apps/server/src/country.ts';
import { buildNameLists, type NameLists } from './names.ts';
import { Rng } from './prng.ts';

/**
 * A synthetic but realistic population of Farajaland births: families (a mother, usually a father) with one to
 * four children born over ten years, twins now and then, real health facilities and villages, 10-digit national
 * IDs, and the details a complete declaration has. Everything comes from a seeded generator.
 */

export type Gender = 'male' | 'female';

export interface PersonName {
  firstname: string;
  middlename?: string;
  surname: string;
}

export interface Parent {
  name: PersonName;
  /** null: the date of birth is unknown and the age is given instead. */
  dob: string;
  dobKnown: boolean;
  /** null: no national ID (idType NONE). */
  nid: string | null;
  maritalStatus: string;
  education: string;
  occupation: string;
}

export interface Family {
  mother: Parent;
  father: Parent | null;
  village: string;
  villageName: string;
  district: string;
  /** Where the family's children are born when born in a health facility. */
  facility: string;
  /** The civil registration office the family registers at. */
  office: string;
  phone: string;
  email: string;
  street: string;
  houseNumber: string;
  children: number;
}

export interface Child {
  name: PersonName;
  gender: Gender;
  dob: string;
  birthType: 'SINGLE' | 'TWIN';
  atHome: boolean;
  informant: 'MOTHER' | 'FATHER' | 'GRANDMOTHER';
  grandmother?: Parent;
}

export interface SeedRecord {
  declaration: JsonObject;
  status: 'REGISTERED' | 'DECLARED';
  office: string;
  /** The registration agent who created and declared, the registrar who registered (user ids). */
  agent: string;
  registrar: string;
  createdAt: string;
  /** When the DECLARE or REGISTER action happened. */
  actionAt: string;
}

const DAY = 86_400_000;
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
export const daysApart = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
/** The same day `years` earlier (29 February becomes 28 February). */
export const minusYears = (date: string, years: number) => {
  const [y, m, d] = date.split('-');
  const day = m === '02' && d === '29' ? '28' : d;
  return `${Number(y) - years}-${m}-${day}`;
};
const yearsBetween = (from: string, to: string) => {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
};

const STREETS = [
  'Kasama Road',
  'Great North Road',
  'Independence Avenue',
  'Cairo Road',
  'Freedom Way',
  'Lumumba Road',
  'Church Road',
  'Market Street',
  'School Road',
  'Chilimbulu Road',
];
const OCCUPATIONS_F = ['Farmer', 'Trader', 'Teacher', 'Nurse', 'Housewife', 'Tailor', 'Student', 'Marketeer'];
const OCCUPATIONS_M = ['Farmer', 'Driver', 'Teacher', 'Miner', 'Builder', 'Fisherman', 'Trader', 'Mechanic'];
const MARITAL: ReadonlyArray<readonly [string, number]> = [
  ['MARRIED', 70],
  ['SINGLE', 20],
  ['SEPARATED', 4],
  ['DIVORCED', 3],
  ['WIDOWED', 3],
];
const EDUCATION: ReadonlyArray<readonly [string, number]> = [
  ['NO_SCHOOLING', 12],
  ['PRIMARY_ISCED_1', 45],
  ['POST_SECONDARY_ISCED_4', 35],
  ['FIRST_STAGE_TERTIARY_ISCED_5', 8],
];
const ATTENDANTS: ReadonlyArray<readonly [string, number]> = [
  ['MIDWIFE', 45],
  ['NURSE', 30],
  ['PHYSICIAN', 10],
  ['TRADITIONAL_BIRTH_ATTENDANT', 10],
  ['NONE', 5],
];

/** National IDs: a permutation of 0..9e9-1, so every person gets a different 10-digit number. */
const NID_SPACE = 9_000_000_000n;
export function nationalId(k: number): string {
  return String(1_000_000_000n + ((BigInt(k) * 2_654_435_761n + 7_777_777n) % NID_SPACE));
}

interface Place {
  facility: string;
  district: string;
  villages: Array<{ id: string; name: string }>;
  office: string;
}

/** Health facilities with their district, the district's villages and the office that registers there. */
function geography(country: Country): Place[] {
  const locations = [...country.locations.all()];
  const levelOf = (id: string) => country.locations.get(id)?.level;
  const ancestorAt = (id: string, level: number) => country.locations.path(id).find((a) => levelOf(a) === level);
  const villages = new Map<string, Array<{ id: string; name: string }>>();
  for (const l of locations) {
    if (l.type !== 'ADMIN_AREA' || l.level !== 3) continue;
    const district = ancestorAt(l.id, 2);
    if (district) villages.set(district, [...(villages.get(district) ?? []), { id: l.id, name: l.name }]);
  }
  const offices = locations.filter((l) => l.type === 'CRVS_OFFICE' && l.parentId);
  const hq = locations.find((l) => l.type === 'CRVS_OFFICE' && !l.parentId)!.id;
  const officeFor = (district: string) => {
    const province = ancestorAt(district, 1);
    return (
      offices.find((o) => ancestorAt(o.id, 2) === district)?.id ??
      offices.find((o) => province && o.parentId === province)?.id ??
      hq
    );
  };
  const places: Place[] = [];
  for (const l of locations) {
    if (l.type !== 'HEALTH_FACILITY') continue;
    const district = ancestorAt(l.id, 2);
    if (!district || !villages.get(district)?.length) continue;
    places.push({ facility: l.id, district, villages: villages.get(district)!, office: officeFor(district) });
  }
  if (!places.length) throw new Error('no health facility with villages in its district');
  return places;
}

export class Population {
  readonly names: NameLists;
  private readonly places: Place[];
  /** One registration agent and one registrar per office (synthetic user ids). */
  private readonly staff = new Map<string, { agent: string; registrar: string }>();
  private nextNid: number;

  constructor(
    readonly country: Country,
    readonly seed: string,
    /** The first national-ID index this population uses (keep populations apart). */
    nidStart: number,
    /** Country "today": the latest date anything happens. */
    readonly today: string,
  ) {
    this.names = buildNameLists(seed);
    this.places = geography(country);
    this.nextNid = nidStart;
  }

  get facilityCount() {
    return this.places.length;
  }

  staffOf(office: string): { agent: string; registrar: string } {
    let s = this.staff.get(office);
    if (!s) {
      const rng = new Rng(`staff/${office}`);
      s = { agent: rng.uuid(), registrar: rng.uuid() };
      this.staff.set(office, s);
    }
    return s;
  }

  newNid(): string {
    return nationalId(this.nextNid++);
  }

  firstName(rng: Rng, gender: Gender): string {
    return (gender === 'female' ? this.names.female : this.names.male).draw(rng);
  }

  personName(rng: Rng, gender: Gender, surname?: string, middleChance = 0.1): PersonName {
    const name: PersonName = {
      firstname: this.firstName(rng, gender),
      surname: surname ?? this.names.surnames.draw(rng),
    };
    if (rng.chance(middleChance)) {
      const middle = this.names.middle.draw(rng);
      if (middle !== name.firstname) name.middlename = middle;
    }
    return name;
  }

  parent(rng: Rng, gender: Gender, dob: string, surname?: string): Parent {
    return {
      name: this.personName(rng, gender, surname),
      dob,
      dobKnown: !rng.chance(0.08),
      nid: rng.chance(0.93) ? this.newNid() : null,
      maritalStatus: rng.weighted(MARITAL),
      education: rng.weighted(EDUCATION),
      occupation: rng.pick(gender === 'female' ? OCCUPATIONS_F : OCCUPATIONS_M),
    };
  }

  /** A family whose first child is born on `firstChildDob`. */
  family(rng: Rng, firstChildDob: string): Family {
    const motherAge = rng.weighted<number>([
      [rng.between(18, 21), 30],
      [rng.between(22, 27), 40],
      [rng.between(28, 36), 30],
    ]);
    const mother = this.parent(rng, 'female', addDays(minusYears(firstChildDob, motherAge), -rng.int(365)));
    const father = rng.chance(0.85) ? this.parent(rng, 'male', addDays(mother.dob, -rng.between(365, 10 * 365))) : null;
    const place = rng.pick(this.places);
    const village = rng.pick(place.villages);
    const phone = `09${rng.pick(['5', '6', '7'])}${String(rng.int(10_000_000)).padStart(7, '0')}`;
    return {
      mother,
      father,
      village: village.id,
      villageName: village.name,
      district: place.district,
      facility: place.facility,
      office: place.office,
      phone,
      email: `${mother.name.firstname}.${mother.name.surname}${rng.int(100)}@example.com`
        .toLowerCase()
        .replace(/[^a-z0-9.@]/g, ''),
      street: rng.pick(STREETS),
      houseNumber: String(rng.between(1, 400)),
      children: 0,
    };
  }

  /** A child of the family: the father's surname when he is declared, else the mother's. */
  child(rng: Rng, family: Family, dob: string, options: { gender?: Gender; twin?: boolean } = {}): Child {
    const gender = options.gender ?? (rng.chance(0.51) ? 'male' : 'female');
    const surname = family.father && rng.chance(0.9) ? family.father.name.surname : family.mother.name.surname;
    const informant: Child['informant'] =
      family.father && rng.chance(0.1) ? 'FATHER' : rng.chance(0.06) ? 'GRANDMOTHER' : 'MOTHER';
    const child: Child = {
      name: this.personName(rng, gender, surname, 0.35),
      gender,
      dob,
      birthType: options.twin ? 'TWIN' : 'SINGLE',
      atHome: rng.chance(0.15),
      informant,
    };
    if (informant === 'GRANDMOTHER') {
      child.grandmother = this.parent(
        rng,
        'female',
        addDays(family.mother.dob, -rng.between(17, 30) * 365),
        family.mother.name.surname,
      );
    }
    family.children += 1;
    return child;
  }

  address(family: Family): JsonObject {
    return {
      country: 'FAR',
      addressType: 'DOMESTIC',
      administrativeArea: family.village,
      town: family.villageName,
      street: family.street,
      number: family.houseNumber,
    };
  }

  /** The complete declaration of a child's birth, as the registration form would send it. */
  declaration(rng: Rng, family: Family, child: Child, registeredOn: string): JsonObject {
    const d: JsonObject = {
      'child.name': { ...child.name },
      'child.gender': child.gender,
      'child.dob': child.dob,
      'child.placeOfBirth': child.atHome ? 'PRIVATE_HOME' : 'HEALTH_FACILITY',
      ...(child.atHome
        ? { 'child.birthLocation.privateHome': this.address(family) }
        : { 'child.birthLocation': family.facility }),
      'child.attendantAtBirth': child.atHome ? 'TRADITIONAL_BIRTH_ATTENDANT' : rng.weighted(ATTENDANTS),
      'child.birthType': child.birthType,
      'child.weightAtBirth': Math.round((child.birthType === 'TWIN' ? 2.4 : 3.1) * 10 + rng.between(-6, 6)) / 10,
      'informant.relation': child.informant,
      'informant.phoneNo': family.phone,
      'informant.email': family.email,
    };
    if (daysApart(child.dob, registeredOn) > 365) d['child.reason'] = 'The family lived far from a registration office';
    const person = (prefix: string, p: Parent, address: boolean) => {
      d[`${prefix}.name`] = { ...p.name };
      if (p.dobKnown) d[`${prefix}.dob`] = p.dob;
      else {
        d[`${prefix}.dobUnknown`] = true;
        d[`${prefix}.age`] = Math.max(12, yearsBetween(p.dob, registeredOn));
      }
      d[`${prefix}.nationality`] = 'FAR';
      d[`${prefix}.idType`] = p.nid ? 'NATIONAL_ID' : 'NONE';
      if (p.nid) d[`${prefix}.nid`] = p.nid;
      if (address) d[`${prefix}.address`] = this.address(family);
    };
    if (child.informant === 'GRANDMOTHER' && child.grandmother) {
      person('informant', child.grandmother, true);
    }
    person('mother', family.mother, true);
    d['mother.maritalStatus'] = family.mother.maritalStatus;
    d['mother.educationalAttainment'] = family.mother.education;
    d['mother.occupation'] = family.mother.occupation;
    d['mother.previousBirths'] = family.children - 1;
    if (family.father) {
      person('father', family.father, false);
      d['father.addressSameAs'] = 'YES';
      d['father.maritalStatus'] = family.father.maritalStatus;
      d['father.educationalAttainment'] = family.father.education;
      d['father.occupation'] = family.father.occupation;
    } else {
      d['father.detailsNotAvailable'] = true;
      d['father.reason'] = 'Father not known to the informant';
    }
    d['documents.proofOfBirth'] = {
      path: `/files/${rng.uuid()}.pdf`,
      originalFilename: 'birth-notification.pdf',
      type: 'application/pdf',
    };
    d['documents.proofOfMother'] = [
      {
        path: `/files/${rng.uuid()}.jpg`,
        originalFilename: 'mother-id.jpg',
        type: 'image/jpeg',
        option: 'NATIONAL_ID',
      },
    ];
    d['review.signature'] = { path: `/files/${rng.uuid()}.png`, originalFilename: 'signature.png', type: 'image/png' };
    return d;
  }

  /** When a birth is registered: mostly within two months, some late (one to three years). */
  registrationDay(rng: Rng, dob: string): string {
    const delay = rng.chance(0.9) ? rng.between(1, 60) : rng.between(61, 1100);
    const day = addDays(dob, delay);
    return day > this.today ? this.today : day;
  }

  /** The record of a birth: registered (mostly) or declared and waiting, at the family's office. */
  record(rng: Rng, family: Family, child: Child, status?: SeedRecord['status']): SeedRecord {
    const day = this.registrationDay(rng, child.dob);
    const recent = daysApart(day, this.today) < 60;
    const finalStatus = status ?? (rng.chance(recent ? 0.4 : 0.06) ? 'DECLARED' : 'REGISTERED');
    // Office hours in Lusaka (UTC+2): 06:00 to 14:00 UTC.
    const created = Date.parse(`${day}T06:00:00Z`) + rng.int(8 * 3600) * 1000;
    const acted = created + rng.between(5, 90) * 60_000;
    const staff = this.staffOf(family.office);
    return {
      declaration: this.declaration(rng, family, child, day),
      status: finalStatus,
      office: family.office,
      agent: staff.agent,
      registrar: staff.registrar,
      createdAt: new Date(created).toISOString(),
      actionAt: new Date(acted).toISOString(),
    };
  }

  /**
   * `count` records of births over the ten years before today, family by family (one to four children 15 to
   * 48 months apart, 2% twins), in generation order.
   */
  *records(count: number, rng: Rng): Generator<SeedRecord> {
    const windowDays = 3652;
    let produced = 0;
    while (produced < count) {
      const first = addDays(this.today, -rng.between(1, windowDays));
      const family = this.family(rng, first);
      const wanted = rng.weighted<number>([
        [1, 45],
        [2, 30],
        [3, 17],
        [4, 8],
      ]);
      let dob = first;
      for (let i = 0; i < wanted && produced < count && dob < this.today; i++) {
        const twins = rng.chance(0.02);
        const child = this.child(rng, family, dob, { twin: twins });
        yield this.record(rng, family, child);
        produced++;
        if (twins && produced < count) {
          const second = this.child(rng, family, dob, { twin: true });
          yield this.record(rng, family, second);
          produced++;
        }
        dob = addDays(dob, rng.between(15 * 30, 48 * 30));
      }
    }
  }
}
