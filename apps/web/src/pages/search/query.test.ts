import { EVENT_STATUSES, FLAGS, displayStatus, type Flag, type SearchClause, type SearchQuery } from '@lifeline/domain';
import { birthEvent } from '../../../../../countries/farajaland/src/forms/birth.ts';
import { deathEvent } from '../../../../../countries/farajaland/src/forms/death.ts';
import { describe, expect, it } from 'vitest';
import { SEARCHABLE_STATUSES, buildQuery, emptyForm, formOfQuery, statusQuery } from './query.ts';

type Node = SearchClause | SearchQuery;

/** What the server does with the status and flags keys of a query, for one record. */
function matches(node: Node, record: { status: string; flags: Flag[] }): boolean {
  if ('type' in node && (node.type === 'and' || node.type === 'or')) {
    const results = node.clauses.map((c) => matches(c, record));
    return node.type === 'and' ? results.every(Boolean) : results.some(Boolean);
  }
  const clause = node as SearchClause;
  if (clause.status) {
    const terms = clause.status.type === 'exact' ? [clause.status.term] : clause.status.terms;
    if (!terms.includes(record.status as never)) return false;
  }
  if (clause.flags && 'type' in clause.flags) {
    const terms: string[] = clause.flags.type === 'exact' ? [clause.flags.term] : clause.flags.terms;
    const any = terms.some((t) => record.flags.includes(t as Flag));
    if (clause.flags.type === 'noneOf' ? any : !any) return false;
  }
  return true;
}

function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

function* flagSets(): Generator<Flag[]> {
  for (let mask = 0; mask < 1 << FLAGS.length; mask++) yield FLAGS.filter((_, i) => mask & (1 << i));
}

describe('advanced search query', () => {
  it('finds exactly the records shown with each status word', () => {
    for (const status of EVENT_STATUSES) {
      for (const flags of flagSets()) {
        const shown = displayStatus({ status, flags });
        for (const word of SEARCHABLE_STATUSES) {
          expect(matches(statusQuery(word), { status, flags }), `${word} for ${status} ${flags.join(',')}`).toBe(
            shown === word,
          );
        }
      }
    }
  });

  it('builds one clause of facts, alternatives for statuses and for anyone’s national ID', () => {
    const form = {
      ...emptyForm('birth'),
      names: { 'child.name': ' Chanda Mulnga ', 'mother.name': '' },
      dateFrom: '2025-01-01',
      place: 'RNblUNSnSpQ',
      statuses: ['REGISTERED' as const, 'DECLARED' as const],
      nationalId: '1234567890',
    };
    const query = buildQuery(form, birthEvent);
    expect(query).toEqual({
      type: 'and',
      clauses: [
        {
          eventType: 'birth',
          data: { 'child.name': { type: 'fuzzy', term: 'Chanda Mulnga' } },
          dateOfEvent: { type: 'range', gte: '2025-01-01' },
          placeOfEvent: { type: 'within', location: 'RNblUNSnSpQ' },
        },
        { type: 'or', clauses: [statusQuery('DECLARED'), statusQuery('REGISTERED')] },
        {
          type: 'or',
          clauses: ['informant.nid', 'mother.nid', 'father.nid'].map((f) => ({
            data: { [f]: { type: 'exact', term: '1234567890' } },
          })),
        },
      ],
    });
    // A saved search comes back from the server with its keys in another order: the form is still recognised.
    const again = formOfQuery(reversedKeys(query), [birthEvent, deathEvent]);
    expect(again).toEqual({ ...form, names: { 'child.name': 'Chanda Mulnga' }, statuses: ['DECLARED', 'REGISTERED'] });
  });

  it('puts a national ID on the chosen person’s field', () => {
    const form = { ...emptyForm('death'), nationalId: '55', nationalIdField: 'deceased.nid', trackingId: 'd1234567' };
    expect(buildQuery(form, deathEvent)).toEqual({
      type: 'and',
      clauses: [
        {
          eventType: 'death',
          data: { 'deceased.nid': { type: 'exact', term: '55' } },
          trackingId: { type: 'exact', term: 'D1234567' },
        },
      ],
    });
    expect(formOfQuery(buildQuery(form, deathEvent), [birthEvent, deathEvent])).toEqual({
      ...form,
      trackingId: 'D1234567',
    });
  });

  it('does not claim to show a query it did not build', () => {
    expect(formOfQuery({ type: 'quick', term: 'x' }, [birthEvent])).toBeNull();
    expect(
      formOfQuery({ type: 'and', clauses: [{ eventType: 'birth', name: { type: 'fuzzy', term: 'x' } }] }, [birthEvent]),
    ).toBeNull();
  });
});
