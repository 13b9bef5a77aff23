import { createHash } from 'node:crypto';

/**
 * A UUID derived from its inputs (SHA-256, formatted as an RFC 9562 version 8 UUID): the same record gives the same
 * resource ids in every export, so a receiver can match entries between two downloads of a document.
 */
export function stableUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const urnUuid = (uuid: string) => `urn:uuid:${uuid}`;
