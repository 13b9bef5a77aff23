import type { SearchQuery } from '@lifeline/domain';
import { Alert, Button, Group, Loader, Paper, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../api/client.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { ConfirmDialog } from '../record/ConfirmDialog.tsx';
import { sameQuery } from './query.ts';
import { useDeleteSavedSearch, useSaveSearch, useSavedSearches, type SavedSearch } from './data.ts';

/** The delete confirmation's words: `${prefix}.title`, `.body`, `.confirm`. */
const CONFIRM_DELETE = 'savedSearch.confirmDelete';

/** "Save this search": the current query under a name of the user's choosing. */
export function SaveSearch({ query }: { query: SearchQuery }) {
  const intl = useIntl();
  const save = useSaveSearch();
  const [name, setName] = useState('');
  const nameError =
    save.error instanceof ApiError && save.error.status === 409
      ? intl.formatMessage({ id: 'savedSearch.nameTaken' })
      : undefined;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (name.trim()) save.mutate({ name: name.trim(), query }, { onSuccess: () => setName('') });
      }}
      data-testid="save-search"
    >
      <Group align="end" gap="sm">
        <TextInput
          label={intl.formatMessage({ id: 'savedSearch.name' })}
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            if (save.isError || save.isSuccess) save.reset();
          }}
          error={nameError}
          maxLength={100}
          required
          style={{ flex: 1, maxWidth: 360 }}
        />
        <Button type="submit" color="blue.8" loading={save.isPending} disabled={!name.trim()}>
          <FormattedMessage id="savedSearch.save" />
        </Button>
      </Group>
      <div aria-live="polite">
        {save.isSuccess && (
          <Text size="sm" c="teal.9" mt={4} role="status">
            <FormattedMessage id="savedSearch.saved" values={{ name: save.data.name }} />
          </Text>
        )}
      </div>
      {save.error && !nameError ? <ProblemAlert error={save.error} /> : null}
    </form>
  );
}

/** The user's saved searches: run one (its criteria fill the form), or delete it. */
export function SavedSearches({ current, onRun }: { current: SearchQuery | null; onRun(query: SearchQuery): void }) {
  const intl = useIntl();
  const saved = useSavedSearches();
  const remove = useDeleteSavedSearch();
  const [deleting, setDeleting] = useState<SavedSearch | null>(null);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="saved-searches-title" data-testid="saved-searches">
      <Title order={2} size="h4" mb="sm" id="saved-searches-title">
        <FormattedMessage id="savedSearch.title" />
      </Title>
      {saved.isLoading && <Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />}
      <ProblemAlert error={saved.error ?? remove.error} />
      {saved.data && saved.data.length === 0 && (
        <Text size="sm">
          <FormattedMessage id="savedSearch.none" />
        </Text>
      )}
      {saved.data && saved.data.length > 0 && (
        <Table verticalSpacing="xs">
          <VisuallyHidden component="caption">{intl.formatMessage({ id: 'savedSearch.title' })}</VisuallyHidden>
          <Table.Tbody>
            {saved.data.map((s) => (
              <Table.Tr key={s.id} data-saved-search={s.name}>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Text
                    size="sm"
                    fw={current && sameQuery(current, s.query) ? 700 : 400}
                    aria-current={current && sameQuery(current, s.query) ? 'true' : undefined}
                  >
                    {s.name}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  <Button
                    size="compact-sm"
                    color="blue.8"
                    onClick={() => onRun(s.query)}
                    aria-label={intl.formatMessage({ id: 'savedSearch.runNamed' }, { name: s.name })}
                  >
                    <FormattedMessage id="savedSearch.run" />
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="outline"
                    color="red.9"
                    ml="xs"
                    onClick={() => setDeleting(s)}
                    aria-label={intl.formatMessage({ id: 'savedSearch.deleteNamed' }, { name: s.name })}
                  >
                    <FormattedMessage id="savedSearch.delete" />
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {remove.isSuccess && (
        <Alert color="green" mt="sm" role="status" p="xs">
          <FormattedMessage id="savedSearch.deleted" />
        </Alert>
      )}
      {deleting && (
        <ConfirmDialog
          id={CONFIRM_DELETE}
          color="red.9"
          busy={remove.isPending}
          onConfirm={() => remove.mutate(deleting.id, { onSettled: () => setDeleting(null) })}
          onClose={() => setDeleting(null)}
        />
      )}
    </Paper>
  );
}
