import { Rng, Zipf } from './prng.ts';

const words = (text: string) => text.trim().split(/\s+/);

/**
 * Zambian / Southern-African names. A hand-written core of real names (Bemba, Nyanja, Tonga, Lozi, and the
 * English and Muslim given names common in the region, including every member of Farajaland's nameVariants
 * groups), completed up to a few hundred per list by a seeded generator of Bantu-style names (prefix, stem,
 * ending). Frequencies are Zipf-like, real names most frequent, as in a real register where a few surnames
 * (Banda, Phiri, Mulenga...) are very common.
 */
const FEMALE_CORE = words(`
  Chanda Mwila Bwalya Mutale Natasha Thandiwe Chileshe Mapalo Musonda Chipo Nkandu Temwani Luyando
  Mutinta Inonge Namwinga Chisomo Tiyamike Towela Thokozile Nalukui Mwaka Bupe Chilufya Njavwa Monde
  Mubanga Kasonde Mwansa Chimwemwe Taonga Zandile Lushomo Nchimunya Mulako Sepo Namakau Mbololwa
  Likando Nsofwa Namukolo Lubona Mirriam Agnes Beatrice Loveness Precious Memory Gift Mercy Grace Ruth
  Esther Mary Elizabeth Catherine Fatima Aisha Faith Hope Joyce Charity Patience Prudence Brenda
  Priscilla Florence Dorothy Martha Rachael Rhoda Given Chola Mwenya Mumbi Nasilele Mutinta Chabota
  Hazel Stella Sophia Naomi Rebecca Judith Lydia Eunice Violet Harriet Christabel Mwape Kabwe Nandi
  Zodwa Nomsa Lindiwe Thembi Kapembwa Chikondi Tadala Wezi
`);
const MALE_CORE = words(`
  Bwalya Chanda Mulenga Mwansa Kondwani Kabwe Mutale Chileshe Musonda Mwila Kelvin Brighton Humphrey
  Kennedy Felix Emmanuel Joseph John Michael Peter Christopher Mohammed Benson Webster Misheck Levy
  Hakainde Winston Mainza Enock Njavwa Kalusha Dalitso Kunda Chilufya Mapalo Lubinda Mubita Lwando
  Sililo Namakando Mwaanga Choolwe Chisanga Mumba Kapambwe Kasonde Mwape Chibwe Chomba Bright Given
  Moses Aaron Daniel David Elijah Isaac Jacob Jonathan Lazarus Patrick Stephen Victor Wisdom Blessings
  Godfrey Innocent Justin Martin Nathan Obed Paul Raphael Simon Stanley Trevor Vincent Frederick
  Gabriel Alick Boniface Clement Davies Edgar Fackson Gilbert Harrison Ignatius Japhet Kaluba Lungowe
  Mukuka Nkumbu Oscar Prince Rodgers Sipho Themba Tiyezge
`);
const SURNAME_CORE = words(`
  Banda Phiri Mulenga Mwale Tembo Zulu Lungu Mwansa Chanda Bwalya Ngoma Sakala Mumba Daka Kunda Nkhoma
  Musonda Mutale Chileshe Mbewe Nyirenda Mwanza Mwamba Chama Kaunda Chilufya Kapasa Simwanza Kapata
  Katongo Mweene Kasonde Mwila Chisanga Hichilema Mwanawasa Sata Chiluba Kabwe Mukuka Siame Simbaya
  Njapau Kasolo Wina Malwa Namugala Haabazoka Kavindele Mazoka Simutowe Kapiri Ngosa Pande Shamenda
  Nyambose Chikwanda Mayuka Chimba Ng'andu Katumbi Tayali Kalaba Sichone Silungwe Sinkala Chola Mulilo
  Mubanga Musukwa Mwape Chibwe Chomba Kalumba Kampamba Kangwa Kapambwe Lubinda Mubita Muyunda
  Nalumango Imasiku Akapelwa Sitali Mutelo Munalula Liswaniso Hamududu Moonga Mweetwa Syakalima
  Siachitema Cheelo Chipimo Kawimbe Kasanda Lishomwa Mwiinga Zimba Soko Mbulo Jere Manda Mvula Nkandu
  Mwenya Chisenga Chimuka Nyendwa Chipili
`);
/** Middle names: mostly the English given names parents add. */
const MIDDLE_CORE = words(`
  Grace Joy Faith Hope Esther Ruth Mercy Peace Charity Patience Blessing Precious Joseph John Peter
  Paul Moses David Daniel Mary Elizabeth Catherine
`);

const PREFIXES = ['Mu', 'Chi', 'Ka', 'Mwa', 'Na', 'Ha', 'Si', 'Ma', 'Lu', 'Nku', 'Bwa', 'Ku', 'Mbu', 'Li', 'Cha'];
const STEMS = words(`
  len lu nd p s mb w ng bw l mp ngw t k z ny f m nj sh ch b y pw nk
`);
const VOWELS = ['a', 'e', 'i', 'o', 'u'];
const ENDINGS = ['ga', 'ya', 'nda', 'mbo', 'la', 'ma', 'ka', 'we', 'ta', 'sa', 'ngo', 'shi', 'ko', 'mba', 'nga', 'bo'];

function generated(rng: Rng, count: number, taken: Set<string>): string[] {
  const out: string[] = [];
  for (let guard = 0; out.length < count && guard < count * 50; guard++) {
    const name = rng.pick(PREFIXES) + rng.pick(STEMS) + rng.pick(VOWELS) + rng.pick(ENDINGS);
    const key = name.toLowerCase();
    if (taken.has(key) || name.length > 11) continue;
    taken.add(key);
    out.push(name);
  }
  return out;
}

export interface NameLists {
  female: Zipf<string>;
  male: Zipf<string>;
  surnames: Zipf<string>;
  middle: Zipf<string>;
}

/** Build the name lists: `perList` names each (core first, in a seeded order, then generated ones). */
export function buildNameLists(seed: string, perList = 300): NameLists {
  const rng = new Rng(`${seed}/names`);
  const taken = new Set([...FEMALE_CORE, ...MALE_CORE, ...SURNAME_CORE].map((n) => n.toLowerCase()));
  const list = (core: string[], label: string) => {
    const unique = [...new Set(core)];
    const head = rng.fork(label).shuffle(unique.slice());
    return [...head, ...generated(rng.fork(`${label}/generated`), Math.max(0, perList - head.length), taken)];
  };
  return {
    // Given names are more spread out than surnames.
    female: new Zipf(list(FEMALE_CORE, 'female'), 0.5),
    male: new Zipf(list(MALE_CORE, 'male'), 0.5),
    surnames: new Zipf(list(SURNAME_CORE, 'surnames'), 0.6),
    middle: new Zipf(rng.fork('middle').shuffle(MIDDLE_CORE.slice()), 0.7),
  };
}
