/**
 * How Lifeline slows password guessing without letting a stranger lock anyone out.
 *
 * Wrong passwords are counted per username typed (known or not, so nothing tells the two apart) and, for logins
 * from a known device, per device. The first FREE_WRONG_PASSWORDS are answered "wrong username or password".
 * After that the username goes "blind" for a time that doubles with every further wrong password: while blind,
 * every password gets the same answer, a challenge for a one-time code, but the code is only sent when the
 * password was right (a wrong one gets a decoy that no code opens). The owner, who receives the code, logs in
 * as always; a guesser learns nothing from the answers while blind, so guesses that tell anything come ever
 * more slowly. A device that logged in before has its own counter, which a stranger's guesses never touch.
 */

export const FREE_WRONG_PASSWORDS = 5;
/** The first blind period; each further wrong password doubles it, up to MAX_BLIND_SECONDS. */
export const FIRST_BLIND_SECONDS = 30;
export const MAX_BLIND_SECONDS = 60 * 60;
/** Wrong passwords older than this no longer count. */
export const FORGET_AFTER_HOURS = 24;
/** Open code challenges per username: a new one retires the oldest. */
export const MAX_OPEN_CHALLENGES = 3;
/**
 * Wrong codes per account per hour, over all its challenges; beyond it, even the right code is refused (with the
 * same answer as a wrong one, so the limit tells a guesser nothing). Decoys do not count: a stranger without the
 * password cannot use them to spend the owner's budget.
 */
export const MAX_WRONG_CODES_PER_HOUR = 10;

export interface GuessCounter {
  failures: number;
  last_failure_at: Date | null;
  blind_until: Date | null;
}

export function isBlind(counter: GuessCounter, now: Date): boolean {
  return !!counter.blind_until && counter.blind_until.getTime() > now.getTime();
}

export function blindSeconds(failures: number): number {
  if (failures < FREE_WRONG_PASSWORDS) return 0;
  return Math.min(MAX_BLIND_SECONDS, FIRST_BLIND_SECONDS * 2 ** (failures - FREE_WRONG_PASSWORDS));
}

/** The counter after one more wrong password at `now`. */
export function afterWrongPassword<C extends GuessCounter>(counter: C, now: Date): C {
  const stale =
    !counter.last_failure_at || now.getTime() - counter.last_failure_at.getTime() > FORGET_AFTER_HOURS * 3600_000;
  const failures = (stale ? 0 : counter.failures) + 1;
  const seconds = blindSeconds(failures);
  return {
    ...counter,
    failures,
    last_failure_at: now,
    blind_until: seconds ? new Date(now.getTime() + seconds * 1000) : counter.blind_until,
  };
}

export function cleared<C extends GuessCounter>(counter: C): C {
  return { ...counter, failures: 0, last_failure_at: null, blind_until: null };
}

export interface CodeCounter {
  code_failures: number;
  code_window_start: Date | null;
}

const CODE_WINDOW_MS = 3600_000;

function currentCodeFailures(counter: CodeCounter, now: Date): number {
  const start = counter.code_window_start?.getTime() ?? 0;
  return now.getTime() - start < CODE_WINDOW_MS ? counter.code_failures : 0;
}

export function codesExhausted(counter: CodeCounter, now: Date): boolean {
  return currentCodeFailures(counter, now) >= MAX_WRONG_CODES_PER_HOUR;
}

export function afterWrongCode<C extends CodeCounter>(counter: C, now: Date): C {
  const current = currentCodeFailures(counter, now);
  return {
    ...counter,
    code_failures: current + 1,
    code_window_start: current === 0 ? now : counter.code_window_start,
  };
}
