import { dateOfEvent, declarationIds, matchDuplicate, type EventConfig, type JsonObject } from '@lifeline/domain';
import type { Db } from '../../db/connect.ts';
import { nameKeysByField, variantsOf } from './keys.ts';
import { findBatchCandidates, type BatchProbe } from './repository.ts';
import { comparedFields, comparedNameFields, eventDateWindow } from './service.ts';

/** A new record of a batch, as the duplicate rules look at it (computed ahead, off the database's time). */
export interface BatchSubject {
  eventId: string;
  declaration: JsonObject;
  /** Phonetic keys of each compared person's name, every key on the record, IDs, date of the event. */
  personKeys: string[][];
  allKeys: string[];
  ids: string[];
  dateOfEvent: string | null;
}

export function batchSubject(config: EventConfig, eventId: string, declaration: JsonObject): BatchSubject {
  const keysByField = nameKeysByField(config, declaration);
  return {
    eventId,
    declaration,
    personKeys: comparedNameFields(config, declaration).map((f) => keysByField.get(f) ?? []),
    allKeys: [...new Set([...keysByField.values()].flat())],
    ids: declarationIds(config, declaration),
    dateOfEvent: dateOfEvent(config, declaration),
  };
}

/** A possible duplicate of subject `i`: a record of the register, or (`matchedIndex`) an earlier subject. */
export interface BatchDuplicate {
  i: number;
  matchedEventId: string;
  matchedRegistrationNumber: string | null;
  matchedIndex: number | null;
  score: number;
  rules: string[];
}

const DAY = 86_400_000;
const apart = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / DAY;

/**
 * The country's duplicate rules over many new records at once (an import batch), as findDuplicates applies them
 * to one declaration: candidates from the register by the same routes (one statement for the whole batch), and
 * the batch's records among themselves (each against the earlier ones, found by the same routes in memory); each
 * candidate then compared with the rules. Reported best first per subject; nothing is written here.
 */
export async function findDuplicatesInBatch(
  db: Db,
  config: EventConfig,
  subjects: BatchSubject[],
): Promise<BatchDuplicate[]> {
  const dedup = config.deduplication;
  if (!dedup || !subjects.length) return [];
  const variants = variantsOf(config);
  const window = eventDateWindow(config);
  const probes: BatchProbe[] = subjects.map((s, i) => ({
    i,
    personKeys: s.personKeys,
    ids: s.ids,
    dateOfEvent: s.dateOfEvent,
  }));
  const candidates = await findBatchCandidates(db, {
    eventType: config.id,
    probes,
    dateWindowDays: window,
    limit: dedup.maxCandidates,
    fields: comparedFields(config),
  });
  const found: BatchDuplicate[] = [];
  for (const c of candidates) {
    const match = matchDuplicate(dedup, subjects[c.i].declaration, c.declaration as JsonObject, variants);
    if (match) {
      found.push({
        i: c.i,
        matchedEventId: c.event_id,
        matchedRegistrationNumber: c.registration_number,
        matchedIndex: null,
        ...match,
      });
    }
  }
  found.push(...withinBatch(subjects, window, (a, b) => matchDuplicate(dedup, a, b, variants)));
  return found.sort((a, b) => a.i - b.i || b.score - a.score);
}

function push(map: Map<string, number[]>, key: string, i: number) {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

/** Each subject against the earlier ones sharing a person's keys or an ID, within the date window. */
function withinBatch(
  subjects: BatchSubject[],
  window: number | null,
  match: (a: JsonObject, b: JsonObject) => { score: number; rules: string[] } | null,
): BatchDuplicate[] {
  const byKey = new Map<string, number[]>();
  const byId = new Map<string, number[]>();
  const found: BatchDuplicate[] = [];
  subjects.forEach((s, i) => {
    const seen = new Set<number>();
    const consider = (j: number) => {
      if (seen.has(j)) return;
      seen.add(j);
      const other = subjects[j];
      if (window && s.dateOfEvent && other.dateOfEvent && apart(s.dateOfEvent, other.dateOfEvent) > window) return;
      const hit = match(s.declaration, other.declaration);
      if (hit)
        found.push({ i, matchedEventId: other.eventId, matchedRegistrationNumber: null, matchedIndex: j, ...hit });
    };
    for (const keys of s.personKeys) {
      if (!keys.length) continue;
      // The rarest key's list, then the earlier subjects holding every key of this person.
      const lists = keys.map((k) => byKey.get(k) ?? []);
      const shortest = lists.reduce((a, b) => (b.length < a.length ? b : a));
      for (const j of shortest) if (keys.every((k) => subjects[j].allKeys.includes(k))) consider(j);
    }
    for (const id of s.ids) for (const j of byId.get(id) ?? []) consider(j);
    for (const k of s.allKeys) push(byKey, k, i);
    for (const id of s.ids) push(byId, id, i);
  });
  return found;
}
