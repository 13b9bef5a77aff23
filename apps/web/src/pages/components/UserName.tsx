import { useUsers } from '../data/queries.ts';

/** A member of staff's name, loaded on demand (batched per list by the caller's `useUsers` when possible). */
export function UserName({ id }: { id: string | null | undefined }) {
  const users = useUsers(id ? [id] : []);
  if (!id) return null;
  const user = users.data?.get(id);
  return <>{user ? `${user.firstname} ${user.surname}`.trim() : users.isLoading ? '…' : id.slice(0, 8)}</>;
}
