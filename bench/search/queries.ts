import { randomUUID } from 'node:crypto';
import { SearchRequest, type EventConfig, type JsonObject, type SearchQuery } from '@lifeline/domain';
import type { AppContext } from '../../apps/server/src/context.ts';
import type { Db } from '../../apps/server/src/db/connect.ts';
import type { AuthUser } from '../../apps/server/src/modules/auth/types.ts';
import { findDuplicates } from '../../apps/server/src/modules/dedup/service.ts';
import { searchEvents } from '../../apps/server/src/modules/search/service.ts';
import { typo, type LabelledSetGenerator } from './labelled.ts';
import type { Rng } from './prng.ts';
import type { SampleRecord } from './seed.ts';

/** The searches and duplicate checks measured, built from records really in the database. */

export const SEARCH_KINDS = [
  'fuzzy-child-name',
  'fuzzy-name-clause',
  'quick-name',
  'exact-mother-nid',
  'exact-tracking-id',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchCase {
  kind: SearchKind;
  request: SearchRequest;
  /** The record the query was made from: it should be among the results. */
  target: string;
  term: string;
}

export interface SearchOutcome {
  total: number;
  found: boolean;
}

/** A national registrar of Farajaland, as the authenticator builds one from a token and the country's roles. */
export function nationalRegistrar(ctx: AppContext): AuthUser {
  const employee = ctx.country.config.employees.find((e) => e.role === 'NATIONAL_REGISTRAR');
  if (!employee) throw new Error('the country has no NATIONAL_REGISTRAR employee');
  const role = ctx.country.roles.get(employee.role)!;
  return {
    id: randomUUID(),
    username: employee.username,
    role: employee.role,
    scopes: role.scopes,
    primaryOfficeId: employee.primaryOfficeId,
  };
}

/** "Firstname Surname" with one typo in one of the two words, as someone types it into the search box. */
function typedName(rng: Rng, name: { firstname: string; surname: string }): string {
  const kind = rng.pick(['substitution', 'insertion', 'deletion', 'transposition'] as const);
  return rng.chance(0.5)
    ? `${typo(rng, name.firstname, kind)} ${name.surname}`
    : `${name.firstname} ${typo(rng, name.surname, kind)}`;
}

export function searchCases(kind: SearchKind, sample: readonly SampleRecord[], count: number, rng: Rng): SearchCase[] {
  const cases: SearchCase[] = [];
  const pool = rng.shuffle(sample.slice());
  for (let i = 0; cases.length < count && i < pool.length * 4; i++) {
    const r = pool[i % pool.length];
    const child = r.declaration['child.name'] as { firstname: string; surname: string };
    let query: SearchQuery;
    let term: string;
    switch (kind) {
      case 'fuzzy-child-name':
        term = typedName(rng, child);
        query = { type: 'and', clauses: [{ data: { 'child.name': { type: 'fuzzy', term } } }] };
        break;
      case 'fuzzy-name-clause':
        term = typedName(rng, child);
        query = { type: 'and', clauses: [{ name: { type: 'fuzzy', term } }] };
        break;
      case 'quick-name':
        term = typedName(rng, child);
        query = { type: 'quick', term };
        break;
      case 'exact-mother-nid': {
        const nid = r.declaration['mother.nid'];
        if (typeof nid !== 'string') continue;
        term = nid;
        query = { type: 'and', clauses: [{ data: { 'mother.nid': { type: 'exact', term } } }] };
        break;
      }
      case 'exact-tracking-id':
        term = r.trackingId;
        query = { type: 'and', clauses: [{ trackingId: { type: 'exact', term } }] };
        break;
    }
    cases.push({ kind, request: SearchRequest.parse({ query }), target: r.id, term });
  }
  return cases;
}

export async function runSearch(ctx: AppContext, user: AuthUser, c: SearchCase): Promise<SearchOutcome> {
  const { results, total } = await searchEvents(ctx, user, c.request);
  return { total, found: results.some((r) => r.id === c.target) };
}

export interface DedupCase {
  declaration: JsonObject;
  /** The registered record it re-declares. */
  original: string;
  kind: string;
}

/** New declarations resembling existing records (one realistic mistake each). */
export function dedupCases(
  generator: LabelledSetGenerator,
  sample: readonly SampleRecord[],
  count: number,
  rng: Rng,
): DedupCase[] {
  const pool = rng.shuffle(sample.filter((r) => r.status === 'REGISTERED'));
  return pool.slice(0, count).map((r) => {
    const { probe, kind } = generator.redeclare(rng, r.declaration);
    return { declaration: probe, original: r.id, kind };
  });
}

export async function runDedup(db: Db, config: EventConfig, c: DedupCase) {
  const hits = await findDuplicates(db, config, randomUUID(), c.declaration);
  return { hits: hits.length, found: hits.some((h) => h.id === c.original) };
}
