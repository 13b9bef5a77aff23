import { NavLink, Stack, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'react-router';
import { usePermissions } from '../data/permissions.ts';

/**
 * Team (staff of an office), audit (everyone's in the jurisdiction, or one's own), integrations, legacy imports,
 * what's new.
 */
export function StaffLinks({ onNavigate }: { onNavigate(): void }) {
  const intl = useIntl();
  const permissions = usePermissions();
  const { pathname } = useLocation();
  const links = [
    ...(permissions.has('user.read') || permissions.has('user.search') ? [{ to: '/team', id: 'nav.team' }] : []),
    ...(permissions.has('user.read')
      ? [{ to: '/audit', id: 'nav.audit' }]
      : permissions.has('user.read-only-my-audit')
        ? [{ to: '/audit', id: 'nav.myAudit' }]
        : []),
    ...(permissions.has('integration.create') ? [{ to: '/integrations', id: 'nav.integrations' }] : []),
    ...(permissions.has('record.import') ? [{ to: '/imports', id: 'nav.imports' }] : []),
    ...(permissions.has('config.update-all')
      ? [
          { to: '/settings', id: 'nav.settings' },
          { to: '/content', id: 'nav.content' },
          { to: '/certificate-templates', id: 'nav.templates' },
        ]
      : []),
    { to: '/whats-new', id: 'nav.whatsNew' },
  ];
  return (
    <Stack gap={0} mt="sm">
      <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4}>
        <FormattedMessage id="nav.more" />
      </Text>
      {links.map((link) => (
        <NavLink
          key={link.to}
          component={Link}
          to={link.to}
          onClick={onNavigate}
          active={pathname.startsWith(link.to)}
          aria-current={pathname === link.to ? 'page' : undefined}
          label={intl.formatMessage({ id: link.id })}
          data-testid={`nav-${link.to.slice(1)}`}
        />
      ))}
    </Stack>
  );
}
