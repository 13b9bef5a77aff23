import type { EventConfig } from '@lifeline/domain';
import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import type { EventDocument } from '../../../api/types.ts';
import { usePermissions } from '../../data/permissions.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import type { ActionOutcome } from '../RecordActions.tsx';
import { useRecordAction } from '../useRecordAction.ts';
import { ChangesTable } from './ChangesTable.tsx';
import { changesOf, pendingRequest } from './correction.ts';
import { RequestDetails } from './RequestDetails.tsx';

type Decision = 'APPROVE_CORRECTION' | 'REJECT_CORRECTION';

/** A record's pending correction: what would change (old beside new), who asked and why; a registrar decides. */
export function PendingCorrection(props: {
  record: EventDocument;
  eventConfig: EventConfig | undefined;
  onOutcome(o: ActionOutcome): void;
}) {
  const { record, eventConfig, onOutcome } = props;
  const permissions = usePermissions();
  const mutation = useRecordAction(record);
  const [confirming, setConfirming] = useState<Decision | null>(null);
  const pending = record.flags.includes('correction-requested') ? pendingRequest(record.actions) : null;
  if (!pending || !eventConfig) return null;
  const decide = (type: Decision, reason?: string) =>
    mutation.mutate(
      { type, reason },
      {
        onSuccess: (updated) => onOutcome({ ok: true, action: type, record: updated }),
        onError: (error) => onOutcome({ ok: false, action: type, error }),
        onSettled: () => setConfirming(null),
      },
    );
  return (
    <Paper withBorder p="md" component="section" bg="orange.0" data-testid="pending-correction">
      <Stack gap="sm">
        <Title order={2} size="h3">
          <FormattedMessage id="correction.pending" />
        </Title>
        <ChangesTable changes={changesOf(eventConfig, record.actions, pending.index)} />
        <RequestDetails action={pending.action} eventConfig={eventConfig} />
        {permissions.can('APPROVE_CORRECTION', record) && (
          <Group>
            <Button color="green.9" onClick={() => setConfirming('APPROVE_CORRECTION')}>
              <FormattedMessage id="record.action.APPROVE_CORRECTION" />
            </Button>
            <Button color="red.9" variant="outline" onClick={() => setConfirming('REJECT_CORRECTION')}>
              <FormattedMessage id="record.action.REJECT_CORRECTION" />
            </Button>
          </Group>
        )}
      </Stack>
      {confirming && (
        <ConfirmDialog
          id={`record.confirm.${confirming}`}
          withReason={confirming === 'REJECT_CORRECTION'}
          color={confirming === 'REJECT_CORRECTION' ? 'red.9' : 'green.9'}
          busy={mutation.isPending}
          onConfirm={(reason) => decide(confirming, reason)}
          onClose={() => setConfirming(null)}
        />
      )}
    </Paper>
  );
}
