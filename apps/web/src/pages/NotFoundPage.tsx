import { Anchor, Stack, Text, Title } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import { Link, useLocation } from 'react-router';

/** An address the app does not know (a mistyped or old link): say so, and offer the way back. */
export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <Stack gap="sm" data-testid="not-found">
      <Title order={1} size="h2">
        <FormattedMessage id="notFound.title" />
      </Title>
      <Text style={{ overflowWrap: 'anywhere' }}>
        <FormattedMessage id="notFound.body" values={{ path: pathname }} />
      </Text>
      <Anchor component={Link} to="/workqueues" p={10} ml={-10}>
        <FormattedMessage id="notFound.back" />
      </Anchor>
    </Stack>
  );
}
