import { Alert, Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useImport } from './api.ts';
import { formatDuration, importProgress } from './progress.ts';
import { ReportButton } from './ReportButton.tsx';

// Dark shades: white text on them keeps at least a 4.5:1 contrast (as the record status badges).
export const STATUS_COLORS = { running: 'blue.8', done: '#237032', failed: 'red.9' } as const;

/** One import followed live: a progress bar and its figures, polled until it is done. */
export function ImportProgressCard({ id, onClose }: { id: string; onClose(): void }) {
  const intl = useIntl();
  const query = useImport(id);
  const view = query.data;
  if (!view) return <ProblemAlert error={query.error} />;
  const progress = importProgress(view);
  const figures: Array<[string, string]> = [
    ['imports.rows', intl.formatNumber(view.rows)],
    ['imports.imported', intl.formatNumber(view.imported)],
    ['imports.refused', intl.formatNumber(view.refused)],
    ['imports.skipped', intl.formatNumber(view.skipped)],
    ['imports.possibleDuplicates', intl.formatNumber(view.possibleDuplicates)],
    [
      'imports.speed',
      progress.recordsPerSecond === null
        ? '–'
        : intl.formatNumber(progress.recordsPerSecond, { maximumFractionDigits: 0 }),
    ],
    ['imports.timeLeft', progress.secondsLeft === null ? '–' : formatDuration(progress.secondsLeft)],
  ];
  return (
    <Card withBorder data-testid="import-progress" aria-labelledby="import-progress-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <h2 id="import-progress-title" style={{ margin: 0, fontSize: '1.15rem', overflowWrap: 'anywhere' }}>
            {view.fileName}
          </h2>
          <Badge color={STATUS_COLORS[view.status]} data-testid="import-status">
            <FormattedMessage id={`imports.status.${view.status}`} />
          </Badge>
        </Group>
        <Progress
          value={progress.percent}
          size="lg"
          animated={view.status === 'running'}
          color={STATUS_COLORS[view.status]}
          // Mantine gives the bar role="progressbar" with aria-valuenow/min/max and this name.
          aria-label={intl.formatMessage({ id: 'imports.progress' }, { file: view.fileName })}
        />
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="xs" component="dl" m={0}>
          {figures.map(([label, value]) => (
            <div key={label}>
              <Text component="dt" size="xs" c="dimmed">
                <FormattedMessage id={label} />
              </Text>
              <Text component="dd" m={0} fw={600} data-testid={label.replace('.', '-')}>
                {value}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        {view.error && (
          <Alert color="red" role="alert">
            {view.error}
          </Alert>
        )}
        {/* Announced once, when the import ends: screen readers are not told every poll. */}
        <div role="status" aria-live="polite">
          {view.status !== 'running' && (
            <FormattedMessage
              id={`imports.finished.${view.status}`}
              values={{ imported: view.imported, refused: view.refused, skipped: view.skipped }}
            />
          )}
        </div>
        <Group>
          {view.status === 'done' && view.refused > 0 && <ReportButton id={view.id} />}
          {view.status === 'done' && view.possibleDuplicates > 0 && <ReportButton id={view.id} kind="duplicates" />}
          <Button variant="subtle" onClick={onClose}>
            <FormattedMessage id="imports.close" />
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
