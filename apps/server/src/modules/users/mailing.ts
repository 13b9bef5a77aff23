import type { Db } from '../../db/connect.ts';

/** Active staff (of one office, or all) and their email address when they have one: who an email to staff reaches. */
export async function staffMailingList(db: Db, officeId?: string) {
  let query = db
    .selectFrom('users')
    .select(['id', 'firstname', 'surname', 'email'])
    .where('status', '=', 'active')
    .orderBy('id');
  if (officeId) query = query.where('primary_office_id', '=', officeId);
  return query.execute();
}
