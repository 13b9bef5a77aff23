import { Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../../api/client.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { READABLE_DIMMED } from '../../search/contrast.ts';
import type { DetectedCandidate } from './compare.ts';
import type { Verdict } from './useDuplicateVerdict.ts';

interface Props {
  kind: Verdict['type'];
  candidate: DetectedCandidate;
  busy: boolean;
  error: unknown;
  onDecide(verdict: Verdict): void;
  onClose(): void;
}

/**
 * Confirm a verdict. "Not a duplicate" needs the reason (the records are then not raised again); "duplicate of"
 * says what becomes of this declaration: archived, or sent back for updates (which needs a reason too).
 */
export function VerdictDialog({ kind, candidate, busy, error, onDecide, onClose }: Props) {
  const intl = useIntl();
  const [reason, setReason] = useState('');
  const [resolution, setResolution] = useState<'ARCHIVE' | 'REJECT'>('ARCHIVE');
  const duplicate = kind === 'MARK_AS_DUPLICATE';
  const reasonRequired = !duplicate || resolution === 'REJECT';
  const ready = !reasonRequired || reason.trim().length > 0;
  const number = candidate.registrationNumber ?? candidate.trackingId;
  const problems = error instanceof ApiError && error.status === 400 ? (error.problem.errors ?? []) : [];
  const reasonError = problems.find((e) => e.field.endsWith('reason'))?.message;
  const shownError = reasonError && problems.length === 1 ? null : error;

  return (
    <Modal
      opened
      onClose={onClose}
      title={<FormattedMessage id={`record.confirm.${kind}.title`} />}
      data-testid="verdict-dialog"
    >
      <form
        style={READABLE_DIMMED}
        onSubmit={(event) => {
          event.preventDefault();
          if (!ready) return;
          const text = reason.trim() || undefined;
          onDecide(
            duplicate
              ? { type: kind, duplicateOf: candidate.id, reason: text, resolution }
              : { type: 'MARK_AS_NOT_DUPLICATE', reason: text ?? '' },
          );
        }}
      >
        <Stack>
          <Text size="sm">
            <FormattedMessage
              id={duplicate ? 'compare.confirmDuplicate' : 'compare.confirmNotDuplicate'}
              values={{ number }}
            />
          </Text>
          {duplicate && (
            <Radio.Group
              label={intl.formatMessage({ id: 'compare.resolution' })}
              value={resolution}
              onChange={(value) => setResolution(value as 'ARCHIVE' | 'REJECT')}
            >
              <Stack gap="xs" mt="xs">
                <Radio value="ARCHIVE" label={intl.formatMessage({ id: 'compare.resolution.ARCHIVE' })} />
                <Radio value="REJECT" label={intl.formatMessage({ id: 'compare.resolution.REJECT' })} />
              </Stack>
            </Radio.Group>
          )}
          <Textarea
            label={intl.formatMessage({ id: 'record.reason' })}
            description={intl.formatMessage({
              id: duplicate ? 'compare.reasonHelp.duplicate' : 'compare.reasonHelp.not',
            })}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            required={reasonRequired}
            error={reasonError}
            autosize
            minRows={3}
            maxLength={1000}
            data-autofocus
          />
          {shownError ? <ProblemAlert error={shownError} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              <FormattedMessage id="common.cancel" />
            </Button>
            <Button type="submit" color={duplicate ? 'red.9' : 'blue.8'} loading={busy} disabled={!ready}>
              <FormattedMessage id={`record.confirm.${kind}.confirm`} />
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
