import { holdsValue, type FieldConfig, type Values } from '@lifeline/domain';
import { Divider, List, Paper, Table, Text, Title } from '@mantine/core';
import { memo } from 'react';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { useFormContext, wrapperProps, type FieldOf } from '../FormContext.ts';
import { FormattedValue } from '../FormattedValue.tsx';

/** HEADING, PARAGRAPH, BULLET_LIST and DIVIDER: words of the form, no answer. */
export const TextBlock = memo(function TextBlock({
  field,
}: {
  field: FieldOf<'HEADING' | 'PARAGRAPH' | 'BULLET_LIST' | 'DIVIDER'>;
}) {
  const { text } = useLanguage();
  const wrap = wrapperProps(field);
  switch (field.type) {
    case 'HEADING':
      return (
        <Title order={3} size="h4" mt="sm" {...wrap}>
          {text(field.label)}
        </Title>
      );
    case 'PARAGRAPH':
      return (
        <Text size="sm" {...wrap}>
          {text(field.label)}
        </Text>
      );
    case 'BULLET_LIST':
      return (
        <div {...wrap}>
          <Text size="sm" fw={500}>
            {text(field.label)}
          </Text>
          <List size="sm">
            {field.items.map((item, i) => (
              <List.Item key={i}>{text(item)}</List.Item>
            ))}
          </List>
        </div>
      );
    case 'DIVIDER':
      return <Divider my="xs" {...wrap} />;
  }
});

/** DATA: a read-only summary of answers given elsewhere on the form. */
export function DataField({ field, values }: { field: FieldOf<'DATA'>; values: Values }) {
  const { text } = useLanguage();
  const { event } = useFormContext();
  const byId = new Map<string, FieldConfig>(
    event.pages.flatMap((p) => p.fields.filter(holdsValue).map((f) => [f.id, f])),
  );
  return (
    <Paper withBorder p="sm" {...wrapperProps(field)}>
      <Text fw={500} size="sm" mb={4}>
        {text(field.label)}
      </Text>
      <Table variant="vertical" withRowBorders={false}>
        <Table.Tbody>
          {field.fields.map((id) => {
            const source = byId.get(id);
            if (!source) return null;
            return (
              <Table.Tr key={id}>
                <Table.Th w="40%">{text(source.label)}</Table.Th>
                <Table.Td>
                  <FormattedValue field={source} value={values[id]} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
