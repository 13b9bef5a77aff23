import { Loader, NativeSelect } from '@mantine/core';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useAreaPath, useChildAreas } from '../locations.ts';

const LEVEL_LABELS = ['forms.address.level1', 'forms.address.level2', 'forms.address.level3'];

function AreaSelect(props: {
  fieldId: string;
  parentId: string | null;
  level: number;
  selected: string | undefined;
  onSelect(id: string | undefined): void;
  onBlur(): void;
}) {
  const intl = useIntl();
  const areas = useChildAreas(props.parentId);
  if (areas.isLoading) return <Loader size="xs" aria-label={intl.formatMessage({ id: 'forms.loading' })} />;
  // A leaf area has no level below it: nothing to choose.
  if (props.parentId !== null && !areas.isError && (areas.data?.length ?? 0) === 0) return null;
  return (
    <NativeSelect
      label={intl.formatMessage({ id: LEVEL_LABELS[props.level - 1] ?? 'forms.address.levelN' })}
      name={`${props.fieldId}.area${props.level}`}
      maw={480}
      value={props.selected ?? ''}
      error={areas.isError ? intl.formatMessage({ id: 'forms.location.failed' }) : undefined}
      data={[
        { value: '', label: intl.formatMessage({ id: 'forms.select.placeholder' }) },
        ...(areas.data ?? []).map((a) => ({ value: a.id, label: a.name })),
      ]}
      onChange={(e) => props.onSelect(e.currentTarget.value || undefined)}
      onBlur={props.onBlur}
    />
  );
}

/**
 * Province, then district, then the level below... each list loaded when the one above is chosen. The address
 * stores only the deepest area chosen; the chain above it is looked up when a saved address is shown again.
 */
export function AdminAreaSelects(props: {
  fieldId: string;
  value: string | undefined;
  onChange(id: string | undefined): void;
  onBlur(): void;
}) {
  const [chain, setChain] = useState<string[]>([]);
  const known = props.value !== undefined && chain[chain.length - 1] === props.value;
  const path = useAreaPath(props.value && !known ? props.value : undefined);
  const ids = props.value ? (known ? chain : (path.data ?? [])) : [];
  if (props.value && !known && path.isLoading) return <Loader size="xs" />;
  const parents: Array<string | null> = [null, ...ids];
  return (
    <>
      {parents.map((parentId, i) => (
        <AreaSelect
          key={parentId ?? 'top'}
          fieldId={props.fieldId}
          parentId={parentId}
          level={i + 1}
          selected={ids[i]}
          onBlur={props.onBlur}
          onSelect={(id) => {
            const next = id ? [...ids.slice(0, i), id] : ids.slice(0, i);
            setChain(next);
            props.onChange(next[next.length - 1]);
          }}
        />
      ))}
    </>
  );
}
