import { Button, Group, Menu, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { useNavigate } from 'react-router';
import { useMe } from '../../api/config.ts';
import { useOutbox } from '../../offline/useOutbox.ts';
import { LocationName } from '../components/LocationName.tsx';
import { signOut } from '../data/signOut.ts';
import { useRoleLabel } from '../data/useEventConfig.ts';

/** Who is signed in (name, role, office) and "Log out", warning when declarations are still waiting to be sent. */
export function UserMenu() {
  const me = useMe();
  const roleLabel = useRoleLabel();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { pending } = useOutbox();
  const [confirming, setConfirming] = useState(false);

  const logOut = async () => {
    setConfirming(false);
    await signOut(queryClient);
    navigate('/login', { replace: true });
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="subtle" color="gray" data-testid="user-menu">
            {me.data?.name ?? '…'}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {me.data && (
            <Menu.Label>
              {roleLabel(me.data.role)}
              <br />
              <LocationName id={me.data.primaryOfficeId} />
            </Menu.Label>
          )}
          <Menu.Item onClick={() => (pending > 0 ? setConfirming(true) : void logOut())}>
            <FormattedMessage id="shell.logout" />
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={<FormattedMessage id="shell.logout" />}>
        <Stack>
          <Text>
            <FormattedMessage id="shell.logoutPending" values={{ count: pending }} />
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              <FormattedMessage id="common.cancel" />
            </Button>
            <Button color="red.9" onClick={() => void logOut()}>
              <FormattedMessage id="shell.logoutAnyway" />
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
