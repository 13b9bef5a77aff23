import { randomFillSync } from 'node:crypto';

const bytes = Buffer.alloc(16);

/**
 * A UUID version 7 (RFC 9562): the time in milliseconds first, then 74 random bits. An import writes a million
 * records in minutes; with random (v4) ids each record's rows land on random pages of the primary keys of events,
 * actions, projection and statistics (and of the (event_id, seq) keys), which at a million records no longer fit
 * in PostgreSQL's buffers. Ids that grow with time are appended at the right edge of those indexes instead.
 */
export function timeOrderedId(now: number = Date.now()): string {
  randomFillSync(bytes);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
