import type { PageConfig } from '@lifeline/domain';
import { Alert, Badge, Button, Group } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, ApiError } from '../../api/client.ts';

/** People whose identity the national ID provider can vouch for, when their section is on the page. */
const PEOPLE = ['mother', 'father', 'informant'];
/** Where the callback page finds the record to come back to (the provider's redirect carries only code and state). */
export const RETURN_KEY = 'lifeline.identity-check.return';

/**
 * "Verify with national ID" for each person of the page: the server starts an OpenID Connect check (PKCE, state
 * kept on the server) and the browser goes to the provider; its callback page completes it.
 */
export function VerifyIdentity({
  page,
  recordId,
  verified,
  beforeLeaving,
}: {
  page: PageConfig;
  recordId: string;
  verified: ReadonlySet<string>;
  beforeLeaving?: () => Promise<void>;
}) {
  const intl = useIntl();
  const people = PEOPLE.filter((p) => page.fields.some((f) => f.id === `${p}.name`));
  const start = useMutation({
    mutationFn: async (person: string) => {
      await beforeLeaving?.();
      return api<{ id: string; authorizationUrl: string }>(`/api/events/${recordId}/identity-checks`, {
        method: 'POST',
        body: { person },
      });
    },
    onSuccess: (started) => {
      sessionStorage.setItem(RETURN_KEY, JSON.stringify({ recordId, page: page.id }));
      window.location.assign(started.authorizationUrl);
    },
  });
  if (!people.length) return null;
  return (
    <>
      <Group gap="xs">
        {people.map((person) =>
          verified.has(person) ? (
            <Badge
              key={person}
              color="#237032"
              variant="filled"
              radius="sm"
              tt="none"
              data-testid={`verified-${person}`}
            >
              <FormattedMessage id="forms.identity.verified" values={{ person }} />
            </Badge>
          ) : (
            <Button
              key={person}
              variant="light"
              size="xs"
              loading={start.isPending && start.variables === person}
              onClick={() => start.mutate(person)}
              data-testid={`verify-${person}`}
            >
              {intl.formatMessage({ id: 'forms.identity.verify' }, { person })}
            </Button>
          ),
        )}
      </Group>
      {start.error && (
        <Alert color="red" role="alert">
          {start.error instanceof ApiError ? start.error.message : intl.formatMessage({ id: 'forms.identity.failed' })}
        </Alert>
      )}
    </>
  );
}
