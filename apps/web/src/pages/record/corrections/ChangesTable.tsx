import { Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { FormattedValue } from '../../../forms/FormattedValue.tsx';
import { useLanguage } from '../../../i18n/LanguageProvider.tsx';
import type { Change } from './correction.ts';

/** Corrected answers, the record's answer beside the corrected one; removable while the request is written. */
export function ChangesTable({ changes, onRemove }: { changes: Change[]; onRemove?(fieldId: string): void }) {
  const intl = useIntl();
  const { text } = useLanguage();
  if (!changes.length) {
    return (
      <Text size="sm" c="dimmed">
        <FormattedMessage id="correction.noChanges" />
      </Text>
    );
  }
  return (
    <Table verticalSpacing="xs" data-testid="correction-changes">
      <VisuallyHidden component="caption">{intl.formatMessage({ id: 'correction.changes' })}</VisuallyHidden>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>
            <FormattedMessage id="correction.field" />
          </Table.Th>
          <Table.Th>
            <FormattedMessage id="correction.before" />
          </Table.Th>
          <Table.Th>
            <FormattedMessage id="correction.after" />
          </Table.Th>
          {onRemove && (
            <Table.Th>
              <VisuallyHidden>
                <FormattedMessage id="correction.remove" />
              </VisuallyHidden>
            </Table.Th>
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map(({ field, before, after }) => (
          <Table.Tr key={field.id} data-field={field.id}>
            <Table.Td>{text(field.label)}</Table.Td>
            <Table.Td data-testid="change-before">
              <FormattedValue field={field} value={before} />
            </Table.Td>
            <Table.Td data-testid="change-after" fw={600}>
              <FormattedValue field={field} value={after} />
            </Table.Td>
            {onRemove && (
              <Table.Td>
                <Button size="compact-sm" variant="default" onClick={() => onRemove(field.id)}>
                  <FormattedMessage id="correction.remove" />
                </Button>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
