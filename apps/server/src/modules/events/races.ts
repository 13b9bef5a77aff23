/**
 * A record's write transaction against the races it can lose: to its own copy (the same request sent twice) and,
 * for a registration, to a legacy import committing the number it drew.
 */

const UNIQUE_VIOLATION = '23505';
/** The log's key of a request: one action of a type per transactionId and record. */
const REQUEST_KEY = 'event_actions_event_id_transaction_id_type_key';
/** A registration number can be taken by a legacy import committing while a registration drew it. */
const NUMBER_KEYS = ['event_actions_registration_number_key', 'event_index_registration_number_key'];
const MAX_NUMBER_CLASHES = 3;

/** The key a unique violation names; null for any other error. */
export function violatedKey(error: unknown): string | null {
  const named = error as { code?: string; constraint?: string; message?: string };
  return named?.code === UNIQUE_VIOLATION ? (named.constraint ?? named.message ?? '') : null;
}

/** Run a write again if its registration number was taken meanwhile (an import committing): it draws the next. */
export async function againIfNumberTaken<T>(write: () => Promise<T>): Promise<T> {
  for (let clashes = 0; ; clashes++) {
    try {
      return await write();
    } catch (error) {
      const key = violatedKey(error);
      if (key === null || clashes >= MAX_NUMBER_CLASHES || !NUMBER_KEYS.some((k) => key.includes(k))) throw error;
    }
  }
}

/**
 * Run a record's write transaction; if it lost a race with the same request (the log's request key refused the
 * second copy), run it once more: it then reads as a replay and answers what the first wrote.
 */
export async function onceEvenIfRaced<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await againIfNumberTaken(write);
  } catch (error) {
    if (!violatedKey(error)?.includes(REQUEST_KEY)) throw error;
    return againIfNumberTaken(write);
  }
}
