import {
  declarationIds,
  dateOfEvent,
  matchDuplicate,
  matcherFields,
  fullName,
  type EventConfig,
  type JsonObject,
} from '@lifeline/domain';
import type { Db } from '../../db/connect.ts';
import { nameKeysByField, variantsOf } from './keys.ts';
import { dismissedCandidates, findCandidates, type DuplicateCandidate } from './repository.ts';

/**
 * When every rule requires the dates of the events to be close, candidates further apart than the widest such
 * window can never match: the database leaves them out.
 */
export function eventDateWindow(config: EventConfig): number | null {
  let widest = 0;
  for (const rule of config.deduplication?.rules ?? []) {
    const m = rule.matcher;
    const parts = m.type === 'and' ? m.matchers : [m];
    const range = parts.find((p) => p.type === 'dateRange' && p.field === config.dateOfEventField);
    if (!range || range.type !== 'dateRange') return null;
    widest = Math.max(widest, range.days);
  }
  return widest || null;
}

/** The fields the event's dedup rules compare. */
export const comparedFields = (config: EventConfig) => [
  ...new Set((config.deduplication?.rules ?? []).flatMap((r) => matcherFields(r.matcher))),
];

/** The NAME fields the event's dedup rules compare. */
export function comparedNameFields(config: EventConfig, declaration: JsonObject): string[] {
  return comparedFields(config).filter((f) => {
    const v = declaration[f];
    return !!v && typeof v === 'object' && fullName(v) !== '';
  });
}

/**
 * Potential duplicates of a declaration among the records of the same type, best first. Candidates come from
 * the database by sound, spelling and ID; each is then compared with the country's rules. Candidates a reviewer
 * already dismissed for this record are left out.
 */
export async function findDuplicates(
  db: Db,
  config: EventConfig,
  eventId: string,
  declaration: JsonObject,
): Promise<DuplicateCandidate[]> {
  const dedup = config.deduplication;
  if (!dedup) return [];
  const nameFields = comparedNameFields(config, declaration);
  const keysByField = nameKeysByField(config, declaration);
  const candidates = await findCandidates(db, {
    eventType: config.id,
    excludeId: eventId,
    personKeys: nameFields.map((f) => keysByField.get(f) ?? []),
    ids: declarationIds(config, declaration),
    dateOfEvent: dateOfEvent(config, declaration),
    dateWindowDays: eventDateWindow(config),
    limit: dedup.maxCandidates,
    fields: comparedFields(config),
  });
  if (!candidates.length) return [];
  const dismissed = await dismissedCandidates(db, eventId);
  const variants = variantsOf(config);
  const hits: DuplicateCandidate[] = [];
  for (const c of candidates) {
    if (dismissed.has(c.event_id)) continue;
    const match = matchDuplicate(dedup, declaration, c.declaration, variants);
    if (match) {
      hits.push({
        id: c.event_id,
        trackingId: c.tracking_id,
        registrationNumber: c.registration_number,
        status: c.status,
        score: match.score,
        rules: match.rules,
      });
    }
  }
  return hits.sort((a, b) => b.score - a.score);
}
