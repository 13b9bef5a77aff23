import type { UserDetails } from '@lifeline/domain';
import { ActionIcon, Button, Group, Menu, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { actionsFor, useUserAction, type UserAction } from './queries.ts';

/** Actions that change what the user can do right away: asked again before they happen. */
const CONFIRMED: readonly UserAction[] = ['reset-password', 'reset-second-factor', 'deactivate', 'reactivate'];
const WITH_REASON: readonly UserAction[] = ['deactivate', 'reactivate'];

interface Props {
  user: UserDetails;
  /** A menu button (team rows) or a row of buttons (the user page). */
  variant: 'menu' | 'buttons';
  onDone?(message: string): void;
}

/**
 * The support actions on one member of staff: unlock, reset password, resend invitation, reset second factor,
 * deactivate, reactivate. From a team row: the "⋯" button, then the action (two clicks).
 */
export function UserActions({ user, variant, onDone }: Props) {
  const intl = useIntl();
  const mutation = useUserAction();
  const [pending, setPending] = useState<UserAction | null>(null);
  const [reason, setReason] = useState('');
  const name = `${user.firstname} ${user.surname}`;
  const actions = actionsFor(user);

  const run = (action: UserAction) => {
    mutation.mutate(
      { id: user.id, action, ...(WITH_REASON.includes(action) ? { reason } : {}) },
      {
        onSuccess: () => {
          setPending(null);
          setReason('');
          onDone?.(intl.formatMessage({ id: `userAction.done.${action}` }, { name }));
        },
      },
    );
  };
  const choose = (action: UserAction) => {
    mutation.reset();
    if (CONFIRMED.includes(action)) setPending(action);
    else run(action);
  };

  return (
    <>
      {variant === 'menu' ? (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={intl.formatMessage({ id: 'team.actionsFor' }, { name })}
              data-testid={`user-actions-${user.username}`}
            >
              ⋯
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {actions.map((action) => (
              <Menu.Item
                key={action}
                color={action === 'deactivate' ? 'red.9' : undefined}
                onClick={() => choose(action)}
              >
                <FormattedMessage id={`userAction.${action}`} />
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      ) : (
        <Group gap="xs">
          {actions.map((action) => (
            <Button
              key={action}
              size="xs"
              variant={action === 'deactivate' ? 'outline' : 'default'}
              color={action === 'deactivate' ? 'red.9' : undefined}
              onClick={() => choose(action)}
            >
              <FormattedMessage id={`userAction.${action}`} />
            </Button>
          ))}
        </Group>
      )}
      {mutation.error && !pending && <ProblemAlert error={mutation.error} />}
      <Modal
        opened={pending !== null}
        onClose={() => setPending(null)}
        title={pending && <FormattedMessage id={`userAction.${pending}`} />}
      >
        {pending && (
          <Stack>
            <Text>
              <FormattedMessage id={`userAction.confirm.${pending}`} values={{ name }} />
            </Text>
            {WITH_REASON.includes(pending) && (
              <Textarea
                label={intl.formatMessage({ id: 'userAction.reason' })}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                required
                autosize
                minRows={2}
                data-autofocus
              />
            )}
            <ProblemAlert error={mutation.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPending(null)}>
                <FormattedMessage id="common.cancel" />
              </Button>
              <Button
                color={pending === 'deactivate' ? 'red.9' : 'blue.8'}
                loading={mutation.isPending}
                disabled={WITH_REASON.includes(pending) && reason.trim().length < 3}
                onClick={() => run(pending)}
              >
                <FormattedMessage id={`userAction.${pending}`} />
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
