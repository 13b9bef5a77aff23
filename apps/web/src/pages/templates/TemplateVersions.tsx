import { Button, Card, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useFormatters } from '../data/format.ts';
import { useRollbackTemplate, useTemplateVersions } from './queries.ts';

/** Who changed a template, when and why; any earlier version (or the package's, 0) can be put back. */
export function TemplateVersions({ id, current }: { id: string; current: number }) {
  const intl = useIntl();
  const versions = useTemplateVersions(id);
  const rollback = useRollbackTemplate(id);
  const format = useFormatters();
  const [reason, setReason] = useState('');
  const rows = [...(versions.data ?? []), null];
  return (
    <Card withBorder data-testid="template-versions">
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
