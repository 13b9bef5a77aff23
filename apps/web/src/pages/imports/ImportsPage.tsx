import { Stack, Text, Title } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import { useSearchParams } from 'react-router';
import { usePermissions } from '../data/permissions.ts';
import { ImportForm } from './ImportForm.tsx';
import { ImportList } from './ImportList.tsx';
import { ImportProgressCard } from './ImportProgressCard.tsx';

/**
 * Legacy register imports (record.import): start one from a file, follow it live, and look back at past imports
 * and their refused rows. The import followed is in the address, so a reload keeps following it.
 */
export default function ImportsPage() {
  const permissions = usePermissions();
  const [params, setParams] = useSearchParams();
  const following = params.get('import');
  const follow = (id: string | null) => setParams(id ? { import: id } : {});

  return (
    <Stack gap="md" data-testid="imports-page">
      <div>
        <Title order={1} size="h2">
          <FormattedMessage id="imports.title" />
        </Title>
        <Text c="dimmed">
          <FormattedMessage id="imports.intro" />
        </Text>
      </div>
      {!permissions.has('record.import') ? (
        <Text role="alert">
          <FormattedMessage id="imports.forbidden" />
        </Text>
      ) : (
        <>
          <ImportForm onStarted={(view) => follow(view.id)} />
          {following && <ImportProgressCard key={following} id={following} onClose={() => follow(null)} />}
          <ImportList onFollow={follow} />
        </>
      )}
    </Stack>
  );
}
