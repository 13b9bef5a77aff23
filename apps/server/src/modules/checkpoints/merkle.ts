import { createHash } from 'node:crypto';

/** One chain's head: a record's action log (`record:<id>`, position = seq) or an audit stream (`audit:<stream>`, position = entry id). */
export interface Head {
  chain: string;
  position: number;
  hash: string;
}

const sha256 = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

/** The bytes a head contributes as a leaf. */
export const leafData = (head: Head) => Buffer.from(`${head.chain}\n${head.position}\n${head.hash}`, 'utf8');

/** Heads in the one order the tree is built in: by chain name, compared as code units (not a database collation). */
export function sortHeads(heads: Head[]): Head[] {
  return heads.sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
}

/**
 * The Merkle tree hash of RFC 6962 (§2.1, Certificate Transparency) over the heads in sortHeads order, hex: leaves
 * SHA-256(0x00 || data), nodes SHA-256(0x01 || left || right). Built level by level, an odd last node moving up
 * unchanged, which gives RFC 6962's left-balanced tree.
 */
export function merkleRoot(heads: readonly Head[]): string {
  if (!heads.length) return sha256().toString('hex');
  let level: Buffer[] = heads.map((h) => sha256(LEAF, leafData(h)));
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? sha256(NODE, level[i], level[i + 1]) : level[i]);
    level = next;
  }
  return level[0].toString('hex');
}
