import type { IdentityCheckView } from '@lifeline/domain';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { api } from '../../api/client.ts';
import type { FormState } from '../useFormState.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The identity checks of the record being declared: the fields they filled are put in the form and locked (the
 * server refuses any change to them), and the people already verified are known.
 */
export function useIdentityLocks(recordId: string | undefined, enabled: boolean, form: FormState) {
  const checks = useQuery({
    queryKey: ['identity-checks', recordId],
    queryFn: () => api<{ results: IdentityCheckView[] }>(`/api/events/${recordId}/identity-checks`),
    enabled: enabled && !!recordId,
  });
  const locked = useMemo(() => {
    const fields = new Map<string, unknown>();
    for (const check of checks.data?.results ?? []) {
      for (const [id, value] of Object.entries(check.fields ?? {})) fields.set(id, value);
    }
    return fields;
  }, [checks.data]);
  const { values, setValue } = form;
  useEffect(() => {
    for (const [id, value] of locked) if (!same(values[id], value)) setValue(id, value ?? undefined);
  }, [locked, values, setValue]);
  const people = useMemo(() => new Set((checks.data?.results ?? []).map((c) => c.person)), [checks.data]);
  return { locked, people };
}
