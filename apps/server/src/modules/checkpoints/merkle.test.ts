import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leafData, merkleRoot, sortHeads, type Head } from './merkle.ts';

/** RFC 6962 §2.1 as written: MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of 2 < n. */
function rfc6962(leaves: Buffer[]): Buffer {
  const h = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
  if (leaves.length === 0) return h();
  if (leaves.length === 1) return h(Buffer.from([0]), leaves[0]);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return h(Buffer.from([1]), rfc6962(leaves.slice(0, k)), rfc6962(leaves.slice(k)));
}

const head = (i: number): Head => ({
  chain: `record:${String(i).padStart(4, '0')}`,
  position: i,
  hash: 'ab'.repeat(32),
});

describe('the checkpoint Merkle root', () => {
  it('is the RFC 6962 tree hash for every size from 0 to 70', () => {
    for (let n = 0; n <= 70; n++) {
      const heads = Array.from({ length: n }, (_, i) => head(i));
      expect(merkleRoot(heads), `n=${n}`).toBe(rfc6962(heads.map(leafData)).toString('hex'));
    }
  });

  it('changes when any head changes, and orders heads by chain name', () => {
    const heads = sortHeads([head(3), head(1), head(2)]);
    expect(heads.map((h) => h.position)).toEqual([1, 2, 3]);
    const root = merkleRoot(heads);
    expect(merkleRoot(heads.map((h, i) => (i === 1 ? { ...h, position: 9 } : h)))).not.toBe(root);
    expect(merkleRoot(heads.slice(0, 2))).not.toBe(root);
  });
});
