import { Button, Group, Text } from '@mantine/core';
import { useNetwork } from '@mantine/hooks';
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { useNavigate } from 'react-router';
import { useMe } from '../../api/config.ts';
import type { EventDocument } from '../../api/types.ts';
import { usePermissions } from '../data/permissions.ts';
import { UserName } from '../components/UserName.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { keepRecord } from '../../offline/records.ts';
import { QUEUEABLE, QueuedOffline, useRecordAction, type RecordPageAction } from './useRecordAction.ts';

export type ActionOutcome =
  | { ok: true; action: RecordPageAction; record: EventDocument }
  | { ok: 'queued'; action: RecordPageAction }
  | { ok: false; action: RecordPageAction; error: unknown };

type Decision = { action: RecordPageAction; color: string; withReason?: boolean };

/**
 * What a record's later life offers: revoking a registration (it then certifies nothing), reinstating it, and
 * bringing an archived declaration back. The lifecycle table shows each only where it applies.
 */
const LATER_DECISIONS: Decision[] = [
  { action: 'REVOKE', color: 'red.9', withReason: true },
  { action: 'REINSTATE', color: 'green.9', withReason: true },
  { action: 'UNARCHIVE', color: 'blue.8', withReason: true },
];

const DECISIONS: Decision[] = [
  // Dark shades keep white labels at a 4.5:1 contrast or more.
  { action: 'VALIDATE', color: 'blue.8' },
  { action: 'REGISTER', color: 'green.9' },
  { action: 'REJECT', color: 'orange.9', withReason: true },
  { action: 'ARCHIVE', color: 'red.9' },
];

/**
 * What the user may do with the record: each button shows only when the record's state allows the action and the
 * user's role holds its scope. The server decides in the end; its refusal is reported by `onOutcome`.
 */
export function RecordActions({ record, onOutcome }: { record: EventDocument; onOutcome(o: ActionOutcome): void }) {
  const me = useMe().data;
  const { online } = useNetwork();
  const permissions = usePermissions();
  const navigate = useNavigate();
  const mutation = useRecordAction(record);
  const [confirming, setConfirming] = useState<Decision | null>(null);
  if (!me) return null;

  const assignedToMe = record.assignedTo === me.id;
  const heldByOther = !!record.assignedTo && !assignedToMe;
  const open = record.status === 'CREATED' || record.status === 'NOTIFIED' || record.status === 'DECLARED';
  const rejected = record.flags.includes('rejected');
  const can = (action: Parameters<typeof permissions.can>[0]) => permissions.can(action, record);

  const run = (action: RecordPageAction, reason?: string) =>
    mutation.mutate(
      { type: action, reason },
      {
        onSuccess: (updated) => {
          onOutcome({ ok: true, action, record: updated });
          // Assigned to me: keep it on the device, to review it (and validate) offline.
          if (action === 'ASSIGN' && me) void keepRecord(me.username, updated);
        },
        onError: (error) =>
          onOutcome(error instanceof QueuedOffline ? { ok: 'queued', action } : { ok: false, action, error }),
        onSettled: () => setConfirming(null),
      },
    );

  const canEdit = open && !heldByOther && (can('DECLARE') || can('NOTIFY') || can('VALIDATE') || can('REGISTER'));
  const editLabel = rejected ? 'correct' : record.status === 'DECLARED' ? 'edit' : 'continue';
  const decisions = [
    ...DECISIONS.filter(
      (d) =>
        can(d.action) &&
        !heldByOther &&
        (record.status === 'DECLARED' || d.action === 'REJECT' || d.action === 'ARCHIVE'),
    ),
    ...LATER_DECISIONS.filter((d) => can(d.action) && !heldByOther),
  ];
  // A registered record is corrected on its own page: who asks, what changes, why, the evidence and the fee.
  const canCorrect =
    !heldByOther &&
    !record.flags.includes('correction-requested') &&
    (can('REQUEST_CORRECTION') || can('APPROVE_CORRECTION'));

  return (
    <Group gap="sm" data-testid="record-actions">
      {record.assignedTo ? (
        <Text size="sm" data-testid="assigned-to">
          {assignedToMe ? (
            <FormattedMessage id="record.assignedToYou" />
          ) : (
            <FormattedMessage id="record.assignedTo" values={{ name: <UserName id={record.assignedTo} /> }} />
          )}
        </Text>
      ) : null}
      {!record.assignedTo && can('ASSIGN') && (
        <Button variant="default" loading={mutation.isPending} disabled={!online} onClick={() => run('ASSIGN')}>
          <FormattedMessage id="record.action.ASSIGN" />
        </Button>
      )}
      {(assignedToMe || (heldByOther && permissions.has('record.unassign-others', record.type))) && (
        <Button variant="default" loading={mutation.isPending} disabled={!online} onClick={() => run('UNASSIGN')}>
          <FormattedMessage id="record.action.UNASSIGN" />
        </Button>
      )}
      {canEdit && (
        <Button variant="outline" color="blue.9" onClick={() => navigate(`/records/${record.id}/declare`)}>
          <FormattedMessage id={`record.action.${editLabel}`} />
        </Button>
      )}
      {canCorrect && (
        <Button
          variant="outline"
          color="blue.9"
          onClick={() => navigate(`/records/${record.id}/correct`)}
          data-testid="request-correction"
        >
          <FormattedMessage id="record.action.requestCorrection" />
        </Button>
      )}
      {decisions.map((d) => (
        <Button
          key={d.action}
          color={d.color}
          disabled={!online && !QUEUEABLE.has(d.action)}
          onClick={() => setConfirming(d)}
        >
          <FormattedMessage id={`record.action.${d.action}`} />
        </Button>
      ))}
      {!online && decisions.some((d) => !QUEUEABLE.has(d.action)) && (
        <Text size="sm" data-testid="needs-connection">
          <FormattedMessage id="record.offline.registerLater" />
        </Text>
      )}
      {confirming && (
        <ConfirmDialog
          id={`record.confirm.${confirming.action}`}
          withReason={confirming.withReason}
          color={confirming.color}
          busy={mutation.isPending}
          onConfirm={(reason) => run(confirming.action, reason)}
          onClose={() => setConfirming(null)}
        />
      )}
    </Group>
  );
}
