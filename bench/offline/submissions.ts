import { createHash } from 'node:crypto';
import { completeBirth } from '../../countries/farajaland/src/fixtures.ts';
import { prng } from './chaos-proxy.ts';

const FIRST = ['Chanda', 'Mwila', 'Bwalya', 'Natasha', 'Kondwani', 'Thandiwe', 'Mulenga', 'Chipo', 'Mutale', 'Nkandu'];
const LAST = ['Banda', 'Phiri', 'Mwale', 'Zulu', 'Tembo', 'Lungu', 'Sakala', 'Daka', 'Njobvu', 'Chirwa'];

export interface Document {
  field: string;
  name: string;
  type: string;
  bytes: Buffer;
  option?: string;
  sha256: string;
}

export interface Submission {
  n: number;
  marker: string;
  declaration: Record<string, unknown>;
  documents: Document[];
}

/** A PNG-signed file of `size` bytes, different for every (n, which). */
function png(size: number, random: () => number): Buffer {
  const bytes = Buffer.alloc(size);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  for (let i = 8; i < size; i += 4) bytes.writeUInt32LE(Math.floor(random() * 0xffffffff), Math.min(i, size - 4));
  return bytes;
}

/** n in letters (names take letters only): 0 -> "A", 27 -> "Bb". */
function letters(n: number): string {
  let text = '';
  let rest = n;
  do {
    text = String.fromCharCode(97 + (rest % 26)) + text;
    rest = Math.floor(rest / 26);
  } while (rest > 0);
  return text[0].toUpperCase() + text.slice(1);
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The n-th declaration of a run: a complete birth with names and IDs of its own, a proof of birth and a
 * signature; one in 20 also has a photo of the mother's ID over 256 KB (several chunks, resumed after cuts).
 */
export function submission(run: string, n: number): Submission {
  const random = prng(n * 7919 + 17);
  const surname = LAST[n % LAST.length];
  const declaration: Record<string, unknown> = {
    ...completeBirth(),
    'child.dob': daysAgo(1 + (n % 20)),
    'child.name': { firstname: FIRST[n % FIRST.length], middlename: letters(n), surname },
    'mother.name': { firstname: FIRST[(n + 3) % FIRST.length], surname },
    'father.name': { firstname: FIRST[(n + 5) % FIRST.length], surname },
    'mother.nid': String(1_000_000_000 + n * 2),
    'father.nid': String(1_000_000_001 + n * 2),
    'review.comment': `${run} #${n}`,
  };
  delete declaration['documents.proofOfFather'];
  delete declaration['documents.proofOfMother'];
  const documents: Document[] = [
    {
      field: 'documents.proofOfBirth',
      name: `birth-${n}.png`,
      type: 'image/png',
      bytes: png(1024 + Math.floor(random() * 6000), random),
      sha256: '',
    },
    {
      field: 'review.signature',
      name: 'signature.png',
      type: 'image/png',
      bytes: png(600 + Math.floor(random() * 2000), random),
      sha256: '',
    },
  ];
  if (n % 20 === 7) {
    documents.push({
      field: 'documents.proofOfMother',
      name: `mother-id-${n}.png`,
      type: 'image/png',
      bytes: png(260_000 + Math.floor(random() * 200_000), random),
      option: 'NATIONAL_ID',
      sha256: '',
    });
  }
  for (const doc of documents) doc.sha256 = sha256(doc.bytes);
  return { n, marker: `${run} #${n}`, declaration, documents };
}
