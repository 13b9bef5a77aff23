import { Badge, Button, Loader, NavLink, Stack, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'react-router';
import { useAppConfig } from '../../api/config.ts';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { usePermissions } from '../data/permissions.ts';
import { useWorkqueues } from '../data/queries.ts';
import { usePaperQueue } from '../paper/api.ts';
import { StaffLinks } from './StaffLinks.tsx';

/** "New birth" / "New death" for roles that may declare, then the role's workqueues with their counts. */
export function Navigation({ onNavigate }: { onNavigate(): void }) {
  const config = useAppConfig();
  const permissions = usePermissions();
  const queues = useWorkqueues();
  const transcriber = (['record.transcribe', 'record.import', 'record.register'] as const).some((s) =>
    permissions.has(s),
  );
  const paper = usePaperQueue(transcriber);
  const { text } = useLanguage();
  const intl = useIntl();
  const { pathname } = useLocation();
  // "New birth" / "Nouvelle naissance": per event where the words differ by grammar, else a generic phrase.
  const newLabel = (id: string, label: string) =>
    intl.messages[`shell.newEvent.${id}`]
      ? intl.formatMessage({ id: `shell.newEvent.${id}` })
      : intl.formatMessage({ id: 'shell.newEvent' }, { event: label.toLowerCase() });
  const creatable = (config.data?.events ?? []).filter((e) => permissions.canCreate(e.id));

  return (
    <Stack gap="xs" component="nav" aria-label={intl.formatMessage({ id: 'shell.navigation' })}>
      {creatable.map((event) => (
        <Button
          key={event.id}
          component={Link}
          to={`/declare/${event.id}`}
          onClick={onNavigate}
          variant="filled"
          color="blue.8"
          h="auto"
          mih={44}
          styles={{ label: { whiteSpace: 'normal', textAlign: 'center' } }}
        >
          {newLabel(event.id, text(event.label))}
        </Button>
      ))}
      {permissions.has('performance.read') && (
        <NavLink
          component={Link}
          to="/dashboard"
          onClick={onNavigate}
          active={pathname === '/dashboard'}
          aria-current={pathname === '/dashboard' ? 'page' : undefined}
          label={intl.formatMessage({ id: 'statistics.nav' })}
          data-testid="nav-dashboard"
        />
      )}
      {(queues.isLoading || !!queues.data?.length) && (
        <Text size="xs" fw={700} tt="uppercase" c="dimmed" mt="sm" id="workqueues-heading">
          <FormattedMessage id="shell.workqueues" />
        </Text>
      )}
      {queues.isLoading && <Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />}
      <div role="list" aria-labelledby="workqueues-heading">
        {queues.data?.map((queue) => {
          const to = `/workqueues/${queue.slug}`;
          return (
            <div role="listitem" key={queue.slug}>
              <NavLink
                component={Link}
                to={to}
                onClick={onNavigate}
                active={pathname === to}
                aria-current={pathname === to ? 'page' : undefined}
                label={text(queue.name)}
                data-testid={`workqueue-${queue.slug}`}
                rightSection={
                  <Badge size="sm" variant={queue.count ? 'filled' : 'light'} circle={queue.count < 10}>
                    {queue.count}
                  </Badge>
                }
              />
            </div>
          );
        })}
        {transcriber && (
          <div role="listitem">
            <NavLink
              component={Link}
              to="/paper"
              onClick={onNavigate}
              active={pathname === '/paper'}
              aria-current={pathname === '/paper' ? 'page' : undefined}
              label={intl.formatMessage({ id: 'paper.nav' })}
              data-testid="workqueue-paper"
              rightSection={
                <Badge
                  size="sm"
                  variant={paper.data?.total ? 'filled' : 'light'}
                  circle={(paper.data?.total ?? 0) < 10}
                >
                  {paper.data?.total ?? 0}
                </Badge>
              }
            />
          </div>
        )}
      </div>
      {permissions.has('record.search') && (
        <NavLink
          component={Link}
          to="/search/advanced"
          onClick={onNavigate}
          active={pathname === '/search/advanced'}
          aria-current={pathname === '/search/advanced' ? 'page' : undefined}
          label={intl.formatMessage({ id: 'advancedSearch.title' })}
          mt="sm"
        />
      )}
      <StaffLinks onNavigate={onNavigate} />
    </Stack>
  );
}
