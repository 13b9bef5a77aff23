import type { IdentityCheckView } from '@lifeline/domain';
import { Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { api } from '../../api/client.ts';
import { useFormatters } from '../data/format.ts';

/** The people of the record whose identity the national ID provider vouched for (their fields are locked). */
export function IdentityChecks({ eventId }: { eventId: string }) {
  const format = useFormatters();
  const checks = useQuery({
    queryKey: ['identity-checks', eventId],
    queryFn: () => api<{ results: IdentityCheckView[] }>(`/api/events/${eventId}/identity-checks`),
  });
  const verified = checks.data?.results.filter((c) => c.status === 'verified') ?? [];
  if (!verified.length) return null;
  return (
    <Stack gap={4} data-testid="identity-checks">
      {verified.map((check) => (
        <Group key={check.id} gap="xs" data-person={check.person}>
          <Badge color="#237032" variant="filled" radius="sm" tt="none">
            <FormattedMessage id="record.identity.verified" />
          </Badge>
          <Text size="sm">
            <FormattedMessage
              id="record.identity.who"
              values={{
                person: check.person,
                name: [check.claims?.givenName, check.claims?.familyName].filter(Boolean).join(' '),
                when: format.dateTime(check.verifiedAt ?? ''),
              }}
            />
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
