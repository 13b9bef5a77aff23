import type { HelpPageId } from '@lifeline/domain';
import { ActionIcon, Anchor, Drawer, Stack, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'react-router';
import { HelpPanel } from './HelpContent.tsx';
import { helpPageOf } from './queries.ts';

/** "?" in the header: the help of the page being shown, "what's new" and the support contact, in a side panel. */
export function HelpButton({ page, showWhatsNew = true }: { page?: HelpPageId; showWhatsNew?: boolean }) {
  const intl = useIntl();
  const { pathname } = useLocation();
  const [opened, drawer] = useDisclosure(false);
  const current = page ?? helpPageOf(pathname);
  const label = intl.formatMessage({ id: 'help.open' });
  return (
    <>
      <Tooltip label={label}>
        <ActionIcon
          variant="light"
          radius="xl"
          size="lg"
          aria-label={label}
          onClick={drawer.open}
          data-testid="help-button"
        >
          ?
        </ActionIcon>
      </Tooltip>
      <Drawer
        opened={opened}
        onClose={drawer.close}
        position="right"
        title={<FormattedMessage id="help.title" />}
        size="md"
      >
        {opened && (
          <Stack>
            <HelpPanel page={current} />
            {showWhatsNew && (
              <Anchor component={Link} to="/whats-new" onClick={drawer.close}>
                <FormattedMessage id="help.whatsNew" />
              </Anchor>
            )}
          </Stack>
        )}
      </Drawer>
    </>
  );
}
