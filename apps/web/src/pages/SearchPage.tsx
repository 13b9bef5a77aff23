import { Button, Group, Loader, Pagination, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useSearchParams } from 'react-router';
import { EventTable } from './components/EventTable.tsx';
import { ProblemAlert } from './components/ProblemAlert.tsx';
import { useQuickSearch } from './data/queries.ts';
import { SearchTabs } from './search/SearchTabs.tsx';

const PAGE_SIZE = 20;

/** Results of the quick search (tracking ID, registration number, national ID or name), best match first. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const term = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const intl = useIntl();
  const search = useQuickSearch(term, (page - 1) * PAGE_SIZE);
  const total = search.data?.total ?? 0;

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        <FormattedMessage id="search.title" />
      </Title>
      <SearchTabs current="quick" />
      <SearchForm key={term} initial={term} onSearch={(q) => setParams({ q })} />
      <ProblemAlert error={search.error} />
      {search.isFetching && !search.data && <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />}
      {term && search.data && (
        <Text aria-live="polite">
          <FormattedMessage id="search.count" values={{ count: total, term }} />
        </Text>
      )}
      {search.data && search.data.results.length > 0 && (
        <EventTable rows={search.data.results} caption={intl.formatMessage({ id: 'search.title' })} />
      )}
      {total > PAGE_SIZE && (
        <Pagination
          total={Math.ceil(total / PAGE_SIZE)}
          value={page}
          onChange={(next) => setParams({ q: term, page: String(next) })}
          getControlProps={(control) => ({
            'aria-label': intl.formatMessage({ id: `pagination.${control}` }),
          })}
          getItemProps={(n) => ({ 'aria-label': intl.formatMessage({ id: 'pagination.page' }, { page: n }) })}
        />
      )}
    </Stack>
  );
}

/** The search box of the results page; starts from the current term (also when the header's box changed it). */
function SearchForm({ initial, onSearch }: { initial: string; onSearch(term: string): void }) {
  const [draft, setDraft] = useState(initial);
  const intl = useIntl();
  return (
    <form
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        if (draft.trim()) onSearch(draft.trim());
      }}
    >
      <Group align="end">
        <TextInput
          label={intl.formatMessage({ id: 'search.label' })}
          value={draft}
          onChange={(event) => setDraft(event.currentTarget.value)}
          style={{ flex: 1, maxWidth: 480 }}
        />
        <Button type="submit" color="blue.8">
          <FormattedMessage id="search.submit" />
        </Button>
      </Group>
    </form>
  );
}
