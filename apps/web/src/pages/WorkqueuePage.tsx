import { Group, Loader, Pagination, Stack, Text, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { useParams, useSearchParams } from 'react-router';
import { HomePage } from './HomePage.tsx';
import { useLanguage } from '../i18n/LanguageProvider.tsx';
import { EventTable } from './components/EventTable.tsx';
import { ProblemAlert } from './components/ProblemAlert.tsx';
import { useWorkqueue, useWorkqueues, type WorkqueueSort } from './data/queries.ts';

const PAGE_SIZE = 20;
const SORTS: readonly WorkqueueSort[] = ['updatedAt', '-updatedAt', 'dateOfEvent', '-dateOfEvent', 'title'];

/** One workqueue of the user's role: its records, a page at a time, sorted by a column. */
export function WorkqueuePage() {
  const { slug } = useParams();
  const queues = useWorkqueues();
  const [params, setParams] = useSearchParams();
  const { text } = useLanguage();
  const intl = useIntl();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const sortParam = params.get('sort') as WorkqueueSort | null;
  const sort = sortParam && SORTS.includes(sortParam) ? sortParam : undefined;
  const list = useWorkqueue(slug, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, sort });

  // Without a queue: the role's home (its first queue, or the team, the audit... for roles without queues).
  if (!slug) return <HomePage />;

  const queue = queues.data?.find((q) => q.slug === slug);
  const name = queue ? text(queue.name) : slug;
  const total = list.data?.total ?? 0;
  const update = (changes: Record<string, string>) => setParams({ ...Object.fromEntries(params), ...changes });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="baseline">
        <Title order={1} size="h2">
          {name}
        </Title>
        {list.data && (
          <Text c="dimmed" aria-live="polite">
            <FormattedMessage id="workqueue.total" values={{ count: total }} />
          </Text>
        )}
      </Group>
      <ProblemAlert error={list.error} />
      {list.isLoading && <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />}
      {list.data && total === 0 && (
        <Text data-testid="workqueue-empty">
          <FormattedMessage id="workqueue.empty" />
        </Text>
      )}
      {list.data && list.data.results.length > 0 && (
        <EventTable
          rows={list.data.results}
          caption={name}
          sort={sort}
          onSort={(next) => update({ sort: next, page: '1' })}
        />
      )}
      {total > PAGE_SIZE && (
        <Pagination
          total={Math.ceil(total / PAGE_SIZE)}
          value={page}
          onChange={(next) => update({ page: String(next) })}
          getControlProps={(control) => ({
            'aria-label': intl.formatMessage({ id: `pagination.${control}` }),
          })}
          getItemProps={(n) => ({ 'aria-label': intl.formatMessage({ id: 'pagination.page' }, { page: n }) })}
        />
      )}
    </Stack>
  );
}
