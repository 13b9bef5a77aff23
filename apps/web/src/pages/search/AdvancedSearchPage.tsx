import type { SearchQuery } from '@lifeline/domain';
import { Alert, Grid, Loader, Pagination, Paper, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useSearchParams } from 'react-router';
import { useAppConfig } from '../../api/config.ts';
import { EventTable } from '../components/EventTable.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { AdvancedSearchForm } from './AdvancedSearchForm.tsx';
import { READABLE_DIMMED } from './contrast.ts';
import { PAGE_SIZE, useAdvancedSearch } from './data.ts';
import { SavedSearches, SaveSearch } from './SavedSearches.tsx';
import { SearchTabs } from './SearchTabs.tsx';
import { buildQuery, emptyForm, formOfQuery, sameQuery } from './query.ts';

/** The query in the address (`?query=<json>`), so a search can be reloaded, shared and gone back to. */
function parseQuery(text: string | null): SearchQuery | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as SearchQuery;
    return parsed && typeof parsed === 'object' && 'type' in parsed ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Advanced search: criteria per event type built into the reference query grammar, results like a workqueue's
 * (best name match first), and the user's saved searches to run again.
 */
export default function AdvancedSearchPage() {
  const intl = useIntl();
  const config = useAppConfig();
  const [params, setParams] = useSearchParams();
  const queryText = params.get('query');
  const query = useMemo(() => parseQuery(queryText), [queryText]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const search = useAdvancedSearch(query, (page - 1) * PAGE_SIZE);
  const events = config.data?.events ?? [];
  const form = query ? formOfQuery(query, events) : null;
  const total = search.data?.total ?? 0;

  const run = (next: SearchQuery) => {
    // The same search again (e.g. its saved copy): ask the server again, the records may have changed.
    if (query && sameQuery(query, next)) void search.refetch();
    else setParams({ query: JSON.stringify(next) });
  };

  return (
    <Stack gap="md" style={READABLE_DIMMED}>
      <Title order={1} size="h2">
        <FormattedMessage id="advancedSearch.title" />
      </Title>
      <SearchTabs current="advanced" />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, xl: 8 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="advanced-search-criteria">
            <Title order={2} size="h4" mb="sm" id="advanced-search-criteria">
              <FormattedMessage id="advancedSearch.criteria" />
            </Title>
            {config.isLoading && <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />}
            {events.length > 0 && (
              <>
                {query && !form && (
                  <Alert color="blue" mb="sm">
                    <FormattedMessage id="advancedSearch.notShown" />
                  </Alert>
                )}
                <AdvancedSearchForm
                  key={queryText ?? ''}
                  events={events}
                  initial={form ?? emptyForm(events[0].id)}
                  onSearch={(f) =>
                    run(
                      buildQuery(
                        f,
                        events.find((e) => e.id === f.eventType),
                      ),
                    )
                  }
                />
              </>
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 4 }}>
          <SavedSearches current={query} onRun={run} />
        </Grid.Col>
      </Grid>

      <section aria-labelledby="advanced-search-results" data-testid="advanced-search-results">
        <Title order={2} size="h3" id="advanced-search-results" mb="sm">
          <FormattedMessage id="advancedSearch.results" />
        </Title>
        <Stack gap="sm">
          <ProblemAlert error={search.error} />
          {search.isFetching && !search.data && <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />}
          {!query && (
            <Text>
              <FormattedMessage id="advancedSearch.start" />
            </Text>
          )}
          {query && search.data && (
            <Text aria-live="polite" data-testid="advanced-search-count">
              <FormattedMessage id="advancedSearch.count" values={{ count: total }} />
            </Text>
          )}
          {query && search.data && search.data.results.length > 0 && (
            <EventTable rows={search.data.results} caption={intl.formatMessage({ id: 'advancedSearch.results' })} />
          )}
          {total > PAGE_SIZE && (
            <Pagination
              total={Math.ceil(total / PAGE_SIZE)}
              value={page}
              onChange={(next) => setParams({ query: queryText ?? '', page: String(next) })}
              getControlProps={(control) => ({ 'aria-label': intl.formatMessage({ id: `pagination.${control}` }) })}
              getItemProps={(n) => ({ 'aria-label': intl.formatMessage({ id: 'pagination.page' }, { page: n }) })}
            />
          )}
          {query && search.data && <SaveSearch query={query} />}
        </Stack>
      </section>
    </Stack>
  );
}
