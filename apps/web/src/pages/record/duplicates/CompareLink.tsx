import { Button, Group } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import type { EventDocument } from '../../../api/types.ts';

/** On a record flagged as a possible duplicate: open it side by side with the records it looks like. */
export function CompareLink({ record }: { record: EventDocument }) {
  if (!record.flags.includes('potential-duplicate')) return null;
  if (!record.actions.some((a) => a.type === 'DUPLICATE_DETECTED')) return null;
  return (
    <Group>
      <Button component={Link} to={`/records/${record.id}/duplicates`} color="blue.8" data-testid="compare-duplicates">
        <FormattedMessage id="compare.open" />
      </Button>
    </Group>
  );
}
