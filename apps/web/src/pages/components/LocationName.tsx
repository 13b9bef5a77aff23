import { useLocation } from '../data/queries.ts';

/** A location's name, loaded on demand; its id meanwhile, nothing when absent. */
export function LocationName({ id }: { id: string | null | undefined }) {
  const location = useLocation(id);
  if (!id) return null;
  return <>{location.data?.name ?? (location.isLoading ? '…' : id)}</>;
}
