import { Alert, Anchor, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, FormattedNumber } from 'react-intl';
import { Link } from 'react-router';
import type { EventDocument } from '../../api/types.ts';
import { usePermissions } from '../data/permissions.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import type { ActionOutcome } from './RecordActions.tsx';
import { useRecordAction } from './useRecordAction.ts';

import { detectedCandidates, restrictedCandidates } from './duplicates/compare.ts';

/**
 * A record flagged as a possible duplicate: which records it looks like, and for reviewers the verdict: not a
 * duplicate (with a reason; the record moves on), or a duplicate of one of them (the record is archived).
 */
export function DuplicateReview(props: { record: EventDocument; onOutcome(o: ActionOutcome): void }) {
  const { record, onOutcome } = props;
  const permissions = usePermissions();
  const mutation = useRecordAction(record);
  const [confirming, setConfirming] = useState<{ notDuplicate: true } | { duplicateOf: string } | null>(null);
  if (!record.flags.includes('potential-duplicate')) return null;
  const candidates = detectedCandidates(record.actions);
  const restricted = restrictedCandidates(record.actions);
  const canReview = permissions.can('MARK_AS_NOT_DUPLICATE', record);

  const decide = (reason?: string) => {
    const action = confirming && 'duplicateOf' in confirming ? 'MARK_AS_DUPLICATE' : 'MARK_AS_NOT_DUPLICATE';
    const duplicateOf = confirming && 'duplicateOf' in confirming ? confirming.duplicateOf : undefined;
    mutation.mutate(
      { type: action, reason, duplicateOf },
      {
        onSuccess: (updated) => onOutcome({ ok: true, action, record: updated }),
        onError: (error) => onOutcome({ ok: false, action, error }),
        onSettled: () => setConfirming(null),
      },
    );
  };

  return (
    <Alert color="orange" title={<FormattedMessage id="duplicate.title" />} data-testid="duplicate-review">
      <Text size="sm" mb="sm">
        <FormattedMessage id={canReview ? 'duplicate.explainReviewer' : 'duplicate.explain'} />
      </Text>
      <Table>
        <Table.Tbody>
          {candidates.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Anchor component={Link} to={`/records/${c.id}`}>
                  {c.registrationNumber ?? c.trackingId}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <FormattedMessage
                  id="duplicate.score"
                  values={{ score: <FormattedNumber value={c.score} style="percent" /> }}
                />
              </Table.Td>
              {canReview && (
                <Table.Td ta="right">
                  <Button size="compact-sm" color="red.9" onClick={() => setConfirming({ duplicateOf: c.id })}>
                    <FormattedMessage id="duplicate.markDuplicate" />
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
          {restricted.map((c, i) => (
            <Table.Tr key={`restricted-${i}`} data-testid="duplicate-restricted">
              <Table.Td>
                <FormattedMessage id="duplicate.restricted" />
              </Table.Td>
              <Table.Td>
                {c.score !== null && (
                  <FormattedMessage
                    id="duplicate.score"
                    values={{ score: <FormattedNumber value={c.score} style="percent" /> }}
                  />
                )}
              </Table.Td>
              {canReview && <Table.Td />}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canReview && (
        <Group mt="sm">
          <Button variant="default" onClick={() => setConfirming({ notDuplicate: true })}>
            <FormattedMessage id="duplicate.notDuplicate" />
          </Button>
        </Group>
      )}
      {confirming && (
        <ConfirmDialog
          id={'duplicateOf' in confirming ? 'record.confirm.MARK_AS_DUPLICATE' : 'record.confirm.MARK_AS_NOT_DUPLICATE'}
          withReason={'notDuplicate' in confirming}
          color={'duplicateOf' in confirming ? 'red.9' : undefined}
          busy={mutation.isPending}
          onConfirm={decide}
          onClose={() => setConfirming(null)}
        />
      )}
    </Alert>
  );
}
