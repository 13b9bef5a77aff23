import type { CertificateElement, CertificateTemplateView } from '@lifeline/domain';
import { Button, Group, NumberInput, Select, Table, Text, TextInput } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

type Element = CertificateElement;
const NUMBERS: Record<Element['type'], string[]> = {
  frame: ['inset'],
  qr: ['x', 'y', 'size'],
  header: ['x', 'y', 'width', 'height'],
  registration: ['x', 'y', 'width', 'height'],
  sections: ['x', 'y', 'width', 'height'],
  certification: ['x', 'y', 'width', 'height'],
  footer: ['x', 'y', 'width', 'height'],
  text: ['x', 'y', 'width', 'height', 'size'],
  field: ['x', 'y', 'width', 'height', 'size'],
  image: ['x', 'y', 'width', 'height'],
};

/** Two decimals are enough to read a position; the stored value is kept until it is edited. */
const shown = (n: unknown) => (typeof n === 'number' ? Math.round(n * 100) / 100 : 0);

/**
 * The elements of a layout, one row each: what it is, where it is (points from the bottom-left corner, `y` the
 * top edge) and what it prints. Every input is labelled with its element's number and kind for screen readers.
 */
export function ElementsTable({
  elements,
  view,
  images,
  errors,
  onChange,
}: {
  elements: Element[];
  view: CertificateTemplateView;
  images: string[];
  errors: Map<string, string>;
  onChange(elements: Element[]): void;
}) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const set = (i: number, change: Partial<Record<string, unknown>>) =>
    onChange(elements.map((e, j) => (j === i ? ({ ...e, ...change } as Element) : e)));
  return (
    <Table striped withTableBorder data-testid="template-elements">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>#</Table.Th>
          <Table.Th>
            <FormattedMessage id="templates.element" />
          </Table.Th>
          <Table.Th>
            <FormattedMessage id="templates.position" />
          </Table.Th>
          <Table.Th>
            <FormattedMessage id="templates.prints" />
          </Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {elements.map((element, i) => {
          const name = t('templates.elementName', { n: i + 1, type: t(`templates.type.${element.type}`) });
          const error = [...errors].find(([field]) => field.startsWith(`template.layout.elements[${i}]`))?.[1];
          const values = element as unknown as Record<string, unknown>;
          return (
            <Table.Tr key={i} data-testid={`element-${i}`}>
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td>
                <FormattedMessage id={`templates.type.${element.type}`} />
                {error && (
                  <Text c="red.8" size="sm" role="alert">
                    {error}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {NUMBERS[element.type].map((key) => (
                    <NumberInput
                      key={key}
                      size="xs"
                      w={76}
                      hideControls
                      decimalScale={2}
                      label={key}
                      aria-label={`${name}: ${key}`}
                      value={shown(values[key])}
                      onChange={(v) => typeof v === 'number' && set(i, { [key]: v })}
                    />
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                {element.type === 'text' && (
                  <Group gap={4}>
                    <Select
                      size="xs"
                      w={180}
                      label={t('templates.message')}
                      aria-label={`${name}: ${t('templates.message')}`}
                      clearable
                      data={view.messageKeys.map((k) => ({ value: k, label: k }))}
                      value={element.message ?? null}
                      onChange={(message) =>
                        set(i, message ? { message, text: undefined } : { message: undefined, text: element.text })
                      }
                    />
                    {!element.message &&
                      view.languages.map((lang) => (
                        <TextInput
                          key={lang}
                          size="xs"
                          w={160}
                          label={lang}
                          aria-label={`${name}: ${t('templates.text')} (${lang})`}
                          value={element.text?.[lang] ?? ''}
                          onChange={(e) => set(i, { text: { ...element.text, [lang]: e.currentTarget.value } })}
                        />
                      ))}
                  </Group>
                )}
                {element.type === 'field' && (
                  <Select
                    size="xs"
                    w={260}
                    searchable
                    label={t('templates.field')}
                    aria-label={`${name}: ${t('templates.field')}`}
                    data={view.fields.map((f) => ({ value: f.id, label: f.label }))}
                    value={element.field}
                    onChange={(field) => field && set(i, { field })}
                  />
                )}
                {element.type === 'image' && (
                  <Select
                    size="xs"
                    w={160}
                    label={t('templates.image')}
                    aria-label={`${name}: ${t('templates.image')}`}
                    data={images}
                    value={element.image}
                    onChange={(image) => image && set(i, { image })}
                  />
                )}
              </Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="default"
                  aria-label={t('templates.remove', { name })}
                  onClick={() => onChange(elements.filter((_, j) => j !== i))}
                >
                  <FormattedMessage id="templates.removeShort" />
                </Button>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
