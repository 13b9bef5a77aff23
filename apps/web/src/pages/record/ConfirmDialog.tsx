import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

interface Props {
  /** Message id prefix: `${id}.title`, `${id}.body`, `${id}.confirm`. */
  id: string;
  /** Ask for a reason (required), e.g. when rejecting. */
  withReason?: boolean;
  /** The confirm button's color (a dark shade, for contrast). */
  color?: string;
  busy: boolean;
  onConfirm(reason?: string): void;
  onClose(): void;
}

/** "Are you sure?" before a decision on a record, with a reason where one is required. */
export function ConfirmDialog({ id, withReason, color, busy, onConfirm, onClose }: Props) {
  const intl = useIntl();
  const [reason, setReason] = useState('');
  const ready = !withReason || reason.trim().length > 0;
  return (
    <Modal opened onClose={onClose} title={<FormattedMessage id={`${id}.title`} />} data-testid="confirm-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) onConfirm(withReason ? reason.trim() : undefined);
        }}
      >
        <Stack>
          <Text>
            <FormattedMessage id={`${id}.body`} />
          </Text>
          {withReason && (
            <Textarea
              label={intl.formatMessage({ id: 'record.reason' })}
              description={intl.formatMessage({ id: 'record.reasonHelp' })}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              required
              autosize
              minRows={3}
              maxLength={1000}
              data-autofocus
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              <FormattedMessage id="common.cancel" />
            </Button>
            <Button type="submit" color={color ?? 'blue.8'} loading={busy} disabled={!ready}>
              <FormattedMessage id={`${id}.confirm`} />
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
