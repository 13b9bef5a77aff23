import type { SettingsVersionSummary } from '@lifeline/domain';
import { Button, Card, Table, Text, TextInput, Title } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useFormatters } from '../data/format.ts';
import { useRollback, useSettingsVersions } from './queries.ts';

/** Who changed the settings, when and why; any earlier version (or the package, 0) can be put back. */
export function VersionsCard({ current }: { current: number }) {
  const versions = useSettingsVersions();
  const rollback = useRollback();
  return <VersionHistory testId="settings-versions" current={current} versions={versions.data} rollback={rollback} />;
}

/** The versions of something changed in the app (settings, a certificate template), with a rollback to any. */
export function VersionHistory({
  testId,
  current,
  versions,
  rollback,
}: {
  testId: string;
  current: number;
  versions: SettingsVersionSummary[] | undefined;
  rollback: UseMutationResult<unknown, Error, { version: number; reason: string }>;
}) {
  const intl = useIntl();
  const format = useFormatters();
  const [reason, setReason] = useState('');
  const rows = [...(versions ?? []), null];
  return (
    <Card withBorder data-testid={testId}>
      <Title order={2} size="h4" mb="sm">
        <FormattedMessage id="settings.versions" />
      </Title>
      <TextInput
        label={intl.formatMessage({ id: 'settings.rollbackReason' })}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        mb="sm"
        maw={480}
      />
      {rollback.error && (
        <Text c="red.8" role="alert">
          {rollback.error.message}
        </Text>
      )}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <FormattedMessage id="settings.version" />
            </Table.Th>
            <Table.Th>
              <FormattedMessage id="settings.when" />
            </Table.Th>
            <Table.Th>
              <FormattedMessage id="settings.why" />
            </Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((v) => {
            const version = v?.version ?? 0;
            return (
              <Table.Tr key={version}>
                <Table.Td>{version}</Table.Td>
                <Table.Td>{v ? format.dateTime(v.createdAt) : '-'}</Table.Td>
                <Table.Td>
                  {v
                    ? v.rollbackOf !== null
                      ? intl.formatMessage({ id: 'settings.rolledBack' }, { version: v.rollbackOf, reason: v.reason })
                      : v.reason
                    : intl.formatMessage({ id: 'settings.package' })}
                </Table.Td>
                <Table.Td>
                  {version !== current && (
                    <Button
                      size="xs"
                      variant="default"
                      disabled={!reason.trim()}
                      loading={rollback.isPending && rollback.variables?.version === version}
                      onClick={() =>
                        rollback.mutate({ version, reason: reason.trim() }, { onSuccess: () => setReason('') })
                      }
                    >
                      <FormattedMessage id="settings.rollback" />
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
