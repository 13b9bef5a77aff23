import { Paper, Stack } from '@mantine/core';
import { HelpHtml, SupportContact } from './HelpContent.tsx';

/** What changed in this version of Lifeline, as the country wrote it. */
export default function WhatsNewPage() {
  return (
    <Stack>
      <Paper withBorder p="md">
        <HelpHtml page="whats-new" />
      </Paper>
      <Paper withBorder p="md">
        <SupportContact />
      </Paper>
    </Stack>
  );
}
