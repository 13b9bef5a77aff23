import { usernameBase } from '@lifeline/domain';
import type { Db } from '../../db/connect.ts';
import { usernamesStartingWith } from './repository.ts';

/** The reference's username: "k.mweene", or "k.mweene1", "k.mweene2"... when taken. */
export async function freeUsername(db: Db, firstname: string, surname: string): Promise<string> {
  const base = usernameBase(firstname, surname);
  const taken = new Set(await usernamesStartingWith(db, base));
  if (!taken.has(base)) return base;
  for (let n = 1; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}
