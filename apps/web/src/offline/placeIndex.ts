import type { Location, LocationType } from '@lifeline/domain';

/** Lower case, without accents: "Île-à-Vache" and "ile a vache" are the same words. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Above this many candidate words, a word typed is common: walk the names instead of sorting candidates. */
const RARE = 3000;

const words = (text: string) =>
  normalise(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

export interface PlaceQuery {
  types?: readonly LocationType[];
  /** An area: places in it come first (the user's own district). */
  near?: string | null;
  limit?: number;
}

/**
 * Every location of the country in memory, for pickers that answer each keystroke at once, offline, with
 * 100,000 places: names are split into words kept in one sorted array, so the places whose words start with
 * what was typed are a binary search away; the rest of the words typed filter those few.
 */
export class PlaceIndex {
  /** Locations sorted by name: an index in this list is also a rank in alphabetical order. */
  private readonly list: Location[];
  private readonly byId = new Map<string, number>();
  private readonly wordsOf: string[][];
  private readonly normalisedNames: string[];
  /** Every word of every name, sorted, and the location each belongs to. */
  private readonly sortedWords: string[] = [];
  private readonly owners: Int32Array;
  private readonly childrenOf = new Map<string | null, Location[]>();
  /** Every place directly under each place, by index. */
  private readonly under = new Map<string, number[]>();
  private readonly paths = new Map<string, string[]>();

  constructor(locations: Iterable<Location>) {
    const named = [...locations].map((l) => ({ l, n: normalise(l.name) }));
    named.sort((a, b) => (a.n < b.n ? -1 : a.n > b.n ? 1 : a.l.id < b.l.id ? -1 : 1));
    this.list = named.map((x) => x.l);
    this.normalisedNames = named.map((x) => x.n);
    this.wordsOf = this.list.map((l) => words(l.name));
    const pairs: Array<[string, number]> = [];
    this.list.forEach((l, i) => {
      this.byId.set(l.id, i);
      for (const w of new Set(this.wordsOf[i])) pairs.push([w, i]);
      if (l.parentId) {
        const siblings = this.under.get(l.parentId) ?? [];
        siblings.push(i);
        this.under.set(l.parentId, siblings);
      }
      if (l.type === 'ADMIN_AREA') {
        const siblings = this.childrenOf.get(l.parentId) ?? [];
        siblings.push(l);
        this.childrenOf.set(l.parentId, siblings);
      }
    });
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    this.owners = new Int32Array(pairs.length);
    pairs.forEach(([w, i], k) => {
      this.sortedWords.push(w);
      this.owners[k] = i;
    });
  }

  get size(): number {
    return this.list.length;
  }

  get(id: string): Location | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.list[i];
  }

  /** The administrative areas directly under `parentId` (the top level for null), by name. */
  childAreas(parentId: string | null): Location[] {
    return this.childrenOf.get(parentId) ?? [];
  }

  /** Ids from the top-level area down to the location itself. */
  path(id: string): string[] {
    let path = this.paths.get(id);
    if (path) return path;
    path = [];
    const seen = new Set<string>();
    for (let l = this.get(id); l && !seen.has(l.id); l = l.parentId ? this.get(l.parentId) : undefined) {
      seen.add(l.id);
      path.unshift(l.id);
    }
    this.paths.set(id, path);
    return path;
  }

  isWithin(id: string, areaId: string): boolean {
    return this.path(id).includes(areaId);
  }

  /** The first index in `sorted` not below `prefix`. */
  private static lowerBound(sorted: readonly string[], prefix: string): number {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The entries of `sorted` starting with `prefix`: [from, to). */
  private static prefixRange(sorted: readonly string[], prefix: string): [number, number] {
    // Every string starting with the prefix sorts below prefix + the highest code unit.
    return [PlaceIndex.lowerBound(sorted, prefix), PlaceIndex.lowerBound(sorted, `${prefix}\uffff`)];
  }

  /** Every place under an area (any depth), computed once per area asked. */
  private readonly descendants = new Map<string, number[]>();
  private placesWithin(areaId: string): number[] {
    let found = this.descendants.get(areaId);
    if (!found) {
      found = [];
      for (let queue = [areaId]; queue.length;) {
        for (const i of this.under.get(queue.pop()!) ?? []) {
          found.push(i);
          queue.push(this.list[i].id);
        }
      }
      found.sort((a, b) => a - b);
      this.descendants.set(areaId, found);
    }
    return found;
  }

  /**
   * Places of the given types whose name has a word starting with each word typed ("ibo dis" finds "Ibombo
   * District Office"), at most `limit`: names starting with what was typed first, places in `near` before others,
   * then by name. With nothing typed, the places in `near`.
   *
   * The rarest word typed picks the candidates through the word index when it is rare enough; when every word
   * typed is common ("h", "clinic"), matches are dense and a walk through the names in order finds the first ones
   * at once. Places near the user come from the area's own list, never from a walk through the country.
   */
  search(text: string, query: PlaceQuery = {}): Location[] {
    const limit = query.limit ?? 20;
    const typed = words(text);
    const typeOk = (l: Location) => !query.types || query.types.includes(l.type);
    const near = query.near ?? null;
    const nearby = near ? this.placesWithin(near) : [];
    if (typed.length === 0)
      return nearby
        .map((i) => this.list[i])
        .filter(typeOk)
        .slice(0, limit);

    const matches = (i: number) =>
      typeOk(this.list[i]) && typed.every((w) => this.wordsOf[i].some((o) => o.startsWith(w)));
    const whole = normalise(text).trim();
    const startsWhole = (i: number) => this.normalisedNames[i].startsWith(whole);
    const taken = new Set<number>();
    const take = (bucket: number[], i: number) => {
      if (bucket.length < limit && !taken.has(i) && matches(i)) {
        bucket.push(i);
        taken.add(i);
      }
    };

    // 1. Near the user: names starting with the text, then the others.
    const nearFirst: number[] = [];
    const nearOther: number[] = [];
    for (const i of nearby) take(startsWhole(i) ? nearFirst : nearOther, i);
    const nearSet = new Set(nearby);
    // 2. Names starting with the text: one range of the names in order.
    const first: number[] = [];
    const [from, to] = PlaceIndex.prefixRange(this.normalisedNames, whole);
    for (let i = from; i < to && first.length < limit; i++) if (!nearSet.has(i)) take(first, i);
    // 3. The rest: candidates of the rarest word typed, or a walk through the names when every word is common.
    const other: number[] = [];
    const ranges = typed.map((w) => PlaceIndex.prefixRange(this.sortedWords, w));
    const [lo, hi] = ranges.reduce((a, b) => (b[1] - b[0] < a[1] - a[0] ? b : a));
    if (hi - lo <= RARE) {
      const candidates = Int32Array.from(this.owners.subarray(lo, hi)).sort();
      for (const i of candidates) {
        if (other.length >= limit) break;
        if (!nearSet.has(i)) take(other, i);
      }
    } else {
      for (let i = 0; i < this.list.length && other.length < limit; i++) if (!nearSet.has(i)) take(other, i);
    }
    return [...nearFirst, ...first, ...nearOther, ...other].slice(0, limit).map((i) => this.list[i]);
  }
}
