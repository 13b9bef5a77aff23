import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase; the cap keeps argon2 from hashing megabytes sent by an attacker. */
export const PASSWORD_MAX_LENGTH = 256;

/**
 * What is wrong with a new password under the policy "at least 12 characters with an uppercase letter, a
 * lowercase letter and a digit" (the country may ask for more characters); empty when it is acceptable. Shared by the server and the browser so both
 * judge a password the same way. Letters and digits of any script count.
 */
export function passwordProblems(password: string, minLength = PASSWORD_MIN_LENGTH): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  const least = Math.max(minLength, PASSWORD_MIN_LENGTH);
  if (length < least) problems.push(`must be at least ${least} characters long`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  if (!/\p{Lu}/u.test(password)) problems.push('must contain an uppercase letter');
  if (!/\p{Ll}/u.test(password)) problems.push('must contain a lowercase letter');
  if (!/\p{Nd}/u.test(password)) problems.push('must contain a digit');
  return problems;
}

/** A password that satisfies the policy; each unmet rule is its own issue. */
export const StrongPassword = z.string().superRefine((password, ctx) => {
  for (const message of passwordProblems(password)) ctx.addIssue({ code: 'custom', message });
});
export type StrongPassword = z.infer<typeof StrongPassword>;
