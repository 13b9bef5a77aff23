import { Alert, Anchor, Center, Loader, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api/client.ts';
import { RETURN_KEY } from './VerifyIdentity.tsx';

/**
 * Where the national ID provider sends the browser back (OIDC_REDIRECT_URI): hands the code and state to the server,
 * which completes the check, then returns to the declaration, whose verified fields are now filled and locked.
 */
export default function IdentityCallbackPage() {
  const [params] = useSearchParams();
  const intl = useIntl();
  const navigate = useNavigate();
  const back = JSON.parse(sessionStorage.getItem(RETURN_KEY) ?? 'null') as { recordId: string; page: string } | null;
  const code = params.get('code');
  const state = params.get('state');
  const iss = params.get('iss');
  const done = useQuery({
    queryKey: ['identity-callback', state],
    queryFn: () =>
      api<{ eventId: string }>('/api/identity-checks/complete', {
        method: 'POST',
        body: { code, state, ...(iss ? { iss } : {}) },
      }),
    enabled: !!code && !!state,
    retry: false,
    staleTime: Infinity,
  });
  useEffect(() => {
    if (!done.data) return;
    sessionStorage.removeItem(RETURN_KEY);
    void navigate(`/records/${done.data.eventId}/declare?page=${back?.page ?? ''}`, { replace: true });
  }, [done.data, navigate, back?.page]);
  const refused = params.get('error') ?? (done.error instanceof ApiError ? done.error.message : null);
  if (!refused && !done.error) {
    return (
      <Center p="xl">
        <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />
      </Center>
    );
  }
  return (
    <Stack p="md">
      <Alert color="red" role="alert" data-testid="identity-check-failed">
        <FormattedMessage id="forms.identity.failed" /> {refused}
      </Alert>
      {back && (
        <Anchor component={Link} to={`/records/${back.recordId}/declare?page=${back.page}`}>
          <FormattedMessage id="forms.identity.back" />
        </Anchor>
      )}
    </Stack>
  );
}
