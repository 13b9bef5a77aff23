import { holdsValue, isEmptyValue, type EventConfig, type Values } from '@lifeline/domain';
import { Paper, Stack, Table, Title } from '@mantine/core';
import { useLanguage } from '../i18n/LanguageProvider.tsx';
import { FormattedValue } from './FormattedValue.tsx';

/**
 * A record's answers for reading, grouped by page with the form's labels: names joined, dates written out,
 * options by label, places by name, addresses as lines, documents as links that open them. Unanswered fields
 * are left out.
 */
export function DeclarationView({ eventConfig, declaration }: { eventConfig: EventConfig; declaration: Values }) {
  const { text } = useLanguage();
  return (
    <Stack gap="md" data-testid="declaration-view">
      {eventConfig.pages.map((page) => {
        const answered = page.fields.filter((f) => holdsValue(f) && !isEmptyValue(declaration[f.id]));
        if (answered.length === 0) return null;
        return (
          <Paper key={page.id} withBorder p="md" radius="md" data-testid={`view-${page.id}`}>
            <Title order={3} size="h4" mb="xs">
              {text(page.title)}
            </Title>
            <Table layout="fixed" verticalSpacing={6}>
              <Table.Tbody>
                {answered.map((field) => (
                  <Table.Tr key={field.id} data-testid={`view-${field.id}`}>
                    <Table.Th w="38%" fw={500} style={{ verticalAlign: 'top' }}>
                      {text(field.label)}
                    </Table.Th>
                    <Table.Td style={{ verticalAlign: 'top', overflowWrap: 'anywhere' }}>
                      <FormattedValue field={field} value={declaration[field.id]} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        );
      })}
    </Stack>
  );
}
