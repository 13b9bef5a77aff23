import { Alert, List } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import { ApiError, NetworkError } from '../../api/client.ts';

/** Why something failed, in plain words: the server's own explanation, or "no connection". */
export function ProblemAlert({ error, title }: { error: unknown; title?: React.ReactNode }) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert" title={title ?? <FormattedMessage id="error.title" />}>
      <ProblemText error={error} />
    </Alert>
  );
}

export function ProblemText({ error }: { error: unknown }) {
  if (error instanceof NetworkError) return <FormattedMessage id="error.offline" />;
  if (error instanceof ApiError) {
    const { problem } = error;
    if (problem.status === 403 && !problem.detail) return <FormattedMessage id="error.forbidden" />;
    return (
      <>
        {problem.detail ?? problem.title}
        {problem.errors?.length ? (
          <List size="sm" mt="xs">
            {problem.errors.map((e) => (
              <List.Item key={`${e.field}:${e.message}`}>
                {e.field}: {e.message}
              </List.Item>
            ))}
          </List>
        ) : null}
      </>
    );
  }
  return <>{(error as Error)?.message ?? String(error)}</>;
}
