import { Anchor, Divider, Loader, Stack, Text, Typography } from '@mantine/core';
import type { HelpPageId } from '@lifeline/domain';
import { FormattedMessage, useIntl } from 'react-intl';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useHelpIndex, useHelpPage } from './queries.ts';

/** HTML the server rendered from the country's markdown (raw HTML in it is escaped there). */
export function HelpHtml({ page }: { page: HelpPageId | 'whats-new' }) {
  const intl = useIntl();
  const help = useHelpPage(page);
  if (help.isLoading) return <Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />;
  if (!help.data) return <ProblemAlert error={help.error} />;
  return (
    <Typography>
      <div data-testid="help-text" dangerouslySetInnerHTML={{ __html: help.data.html }} />
    </Typography>
  );
}

/** The registry's support desk: whom to ask when the help is not enough. */
export function SupportContact() {
  const index = useHelpIndex();
  const support = index.data?.support;
  if (!support) return null;
  return (
    <Stack gap={2} data-testid="support-contact">
      <Text fw={700}>
        <FormattedMessage id="help.support" />
      </Text>
      <Text>{support.name}</Text>
      {support.phone && <Anchor href={`tel:${support.phone.replace(/\s/g, '')}`}>{support.phone}</Anchor>}
      {support.email && <Anchor href={`mailto:${support.email}`}>{support.email}</Anchor>}
      {support.hours && (
        <Text size="sm" c="dimmed">
          {support.hours}
        </Text>
      )}
    </Stack>
  );
}

export function HelpPanel({ page }: { page: HelpPageId }) {
  return (
    <Stack>
      <HelpHtml page={page} />
      <Divider />
      <SupportContact />
    </Stack>
  );
}
