import type { CheckpointRow } from './repository.ts';
import type { PublishedCheckpoint } from './schemas.ts';
import { payloadOf } from './service.ts';

/** A checkpoint as the public API gives it and operators keep copies of. */
export const published = (row: CheckpointRow): PublishedCheckpoint => {
  const { v: _v, ...payload } = payloadOf(row);
  return { ...payload, keyId: row.key_id, jws: row.jws };
};
