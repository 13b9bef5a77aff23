import type { Action } from '@lifeline/domain';
import type { Country } from '../../country.ts';
import type { Db } from '../../db/connect.ts';
import type { AuthUser } from '../auth/types.ts';
import { accessFactsOf } from './repository.ts';
import { canRead } from './rule.ts';

/** What a viewer who may not read a detected duplicate sees of it: that one exists, and how close it is. */
export interface RestrictedCandidate {
  restricted: true;
  score: number | null;
}

/** Stands in for the id of a record the viewer may not read (a reviewer's verdict naming it). */
export const RESTRICTED_ID = 'restricted';

const uuidLike = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v);

/** Every record id the duplicate actions of a history name. */
function namedRecords(actions: readonly Action[]): string[] {
  const ids = new Set<string>();
  for (const a of actions) {
    const c = a.content;
    if (!c) continue;
    if (a.type === 'DUPLICATE_DETECTED' && Array.isArray(c.duplicates)) {
      for (const d of c.duplicates)
        if (d && typeof d === 'object' && uuidLike((d as { id?: unknown }).id)) ids.add((d as { id: string }).id);
    }
    if (uuidLike(c.duplicateOf)) ids.add(c.duplicateOf);
    if (Array.isArray(c.dismissed)) for (const id of c.dismissed) if (uuidLike(id)) ids.add(id);
  }
  return [...ids];
}

/**
 * The history as this viewer may see it: a duplicate the detection found in a place the viewer may not read is
 * shown only as "a possible duplicate exists elsewhere" (no id, tracking id, registration number or status), and
 * verdicts naming such a record name it as `restricted`. The stored actions keep everything.
 */
export async function redactDuplicates(db: Db, country: Country, user: AuthUser, actions: Action[]): Promise<Action[]> {
  const named = namedRecords(actions);
  if (!named.length) return actions;
  const facts = await accessFactsOf(db, named);
  const readable = (id: string) => {
    const f = facts.get(id);
    return !!f && canRead(country, user, f);
  };
  if (named.every(readable)) return actions;
  return actions.map((a) => {
    const c = a.content;
    if (!c) return a;
    if (a.type === 'DUPLICATE_DETECTED' && Array.isArray(c.duplicates)) {
      const duplicates = c.duplicates.map((d) => {
        const candidate = d as { id?: unknown; score?: unknown };
        if (uuidLike(candidate.id) && readable(candidate.id)) return d;
        const restricted: RestrictedCandidate = {
          restricted: true,
          score: typeof candidate.score === 'number' ? candidate.score : null,
        };
        return restricted;
      });
      return { ...a, content: { ...c, duplicates } };
    }
    const hidden = (id: unknown) => (uuidLike(id) && !readable(id) ? RESTRICTED_ID : id);
    if (c.duplicateOf !== undefined || Array.isArray(c.dismissed)) {
      return {
        ...a,
        content: {
          ...c,
          ...(c.duplicateOf !== undefined ? { duplicateOf: hidden(c.duplicateOf) } : {}),
          ...(Array.isArray(c.dismissed) ? { dismissed: c.dismissed.map(hidden) } : {}),
        },
      };
    }
    return a;
  });
}
