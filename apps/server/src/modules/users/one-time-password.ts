import { randomInt } from 'node:crypto';
import { passwordProblems } from '@lifeline/domain';

// No look-alikes (0/O, 1/l/I) since the password is read off a screen and typed once.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random password that meets the policy, for a first login after which the user must choose their own. */
export function generateOneTimePassword(length = 16): string {
  for (;;) {
    let password = '';
    for (let i = 0; i < length; i++) password += ALPHABET[randomInt(ALPHABET.length)];
    if (passwordProblems(password).length === 0) return password;
  }
}
