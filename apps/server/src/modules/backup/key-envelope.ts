import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';

/** Files (name → contents) sealed with a passphrase: scrypt (RFC 7914) derives an AES-256-GCM key. */
export interface KeyEnvelope {
  format: 'lifeline-keys/1';
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: { name: 'aes-256-gcm'; iv: string; tag: string };
  ciphertext: string;
}

const PARAMS = { N: 2 ** 15, r: 8, p: 1 };

function deriveKey(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function sealFiles(files: Record<string, string>, passphrase: string): Promise<KeyEnvelope> {
  if (passphrase.length < 12) throw new Error('the backup passphrase must have at least 12 characters');
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await deriveKey(passphrase, salt, PARAMS), iv);
  cipher.setAAD(Buffer.from('lifeline-keys/1'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(files), 'utf8'), cipher.final()]);
  return {
    format: 'lifeline-keys/1',
    kdf: { name: 'scrypt', ...PARAMS, salt: salt.toString('base64') },
    cipher: { name: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') },
    ciphertext: ciphertext.toString('base64'),
  };
}

/** The files sealed in the envelope; throws on a wrong passphrase or any change to the envelope. */
export async function openFiles(envelope: KeyEnvelope, passphrase: string): Promise<Record<string, string>> {
  const { N, r, p, salt } = envelope.kdf;
  const decipher = createDecipheriv(
    'aes-256-gcm',
    await deriveKey(passphrase, Buffer.from(salt, 'base64'), { N, r, p }),
    Buffer.from(envelope.cipher.iv, 'base64'),
  );
  decipher.setAAD(Buffer.from('lifeline-keys/1'));
  decipher.setAuthTag(Buffer.from(envelope.cipher.tag, 'base64'));
  try {
    const plain = Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as Record<string, string>;
  } catch {
    throw new Error('the keys cannot be opened: wrong passphrase, or the backup was altered');
  }
}
