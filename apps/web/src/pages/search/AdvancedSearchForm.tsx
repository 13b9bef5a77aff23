import type { DisplayStatus, EventConfig } from '@lifeline/domain';
import { Button, Checkbox, Fieldset, Group, NativeSelect, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { PlacePicker } from './PlacePicker.tsx';
import {
  SEARCHABLE_STATUSES,
  emptyForm,
  nameFields,
  nationalIdFields,
  type AdvancedSearchForm as Form,
} from './query.ts';

const LEGEND = { legend: { fontWeight: 700, fontSize: 'var(--mantine-font-size-md)', marginBottom: 4 } };

interface Props {
  events: EventConfig[];
  initial: Form;
  onSearch(form: Form): void;
}

/** The criteria of an advanced search, per event type: names, date and place of the event, status, numbers. */
export function AdvancedSearchForm({ events, initial, onSearch }: Props) {
  const intl = useIntl();
  const { text } = useLanguage();
  const [form, setForm] = useState<Form>(initial);
  const config = events.find((e) => e.id === form.eventType) ?? events[0];
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const t = (id: string) => intl.formatMessage({ id });
  const idFields = nationalIdFields(config);

  return (
    <form
      role="search"
      aria-label={t('advancedSearch.title')}
      data-testid="advanced-search-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(form);
      }}
    >
      <Stack gap="md">
        <Radio.Group
          label={t('advancedSearch.eventType')}
          value={form.eventType}
          onChange={(eventType) => setForm({ ...emptyForm(eventType), statuses: form.statuses })}
        >
          <Group mt={4}>
            {events.map((e) => (
              <Radio key={e.id} value={e.id} label={text(e.label)} />
            ))}
          </Group>
        </Radio.Group>

        <Fieldset legend={t('advancedSearch.names')} variant="unstyled" styles={LEGEND}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {nameFields(config).map(({ field, page }) => (
              <TextInput
                key={field.id}
                name={field.id}
                label={field.id === config.titleField ? text(field.label) : `${text(page.title)}: ${text(field.label)}`}
                description={t('advancedSearch.fuzzyHelp')}
                value={form.names[field.id] ?? ''}
                onChange={(e) => set('names', { ...form.names, [field.id]: e.currentTarget.value })}
                maxLength={200}
              />
            ))}
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('advancedSearch.event')} variant="unstyled" styles={LEGEND}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              type="date"
              name="dateFrom"
              label={t('advancedSearch.dateFrom')}
              value={form.dateFrom}
              max={form.dateTo || undefined}
              onChange={(e) => set('dateFrom', e.currentTarget.value)}
            />
            <TextInput
              type="date"
              name="dateTo"
              label={t('advancedSearch.dateTo')}
              value={form.dateTo}
              min={form.dateFrom || undefined}
              onChange={(e) => set('dateTo', e.currentTarget.value)}
            />
            <PlacePicker
              label={t('advancedSearch.place')}
              description={t('advancedSearch.placeHelp')}
              value={form.place}
              onChange={(place) => set('place', place)}
            />
          </SimpleGrid>
        </Fieldset>

        <Checkbox.Group
          label={t('advancedSearch.status')}
          description={t('advancedSearch.statusHelp')}
          value={form.statuses}
          onChange={(values) => set('statuses', values as DisplayStatus[])}
        >
          <SimpleGrid cols={{ base: 2, sm: 3 }} mt="xs" spacing="xs">
            {SEARCHABLE_STATUSES.map((status) => (
              <Checkbox key={status} value={status} label={t(`status.${status}`)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>

        <Fieldset legend={t('advancedSearch.numbers')} variant="unstyled" styles={LEGEND}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <TextInput
              name="registrationNumber"
              label={t('advancedSearch.registrationNumber')}
              value={form.registrationNumber}
              onChange={(e) => set('registrationNumber', e.currentTarget.value)}
              maxLength={50}
              autoComplete="off"
            />
            <TextInput
              name="trackingId"
              label={t('advancedSearch.trackingId')}
              value={form.trackingId}
              onChange={(e) => set('trackingId', e.currentTarget.value)}
              maxLength={20}
              autoComplete="off"
            />
            <NativeSelect
              name="nationalIdField"
              label={t('advancedSearch.nationalIdOf')}
              value={form.nationalIdField}
              onChange={(e) => set('nationalIdField', e.currentTarget.value)}
              data={[
                { value: '', label: t('advancedSearch.anyone') },
                ...idFields.map(({ field, page }) => ({ value: field.id, label: text(page.title) })),
              ]}
            />
            <TextInput
              name="nationalId"
              label={t('advancedSearch.nationalId')}
              value={form.nationalId}
              onChange={(e) => set('nationalId', e.currentTarget.value)}
              maxLength={50}
              autoComplete="off"
            />
          </SimpleGrid>
        </Fieldset>

        <Group>
          <Button type="submit" color="blue.8">
            <FormattedMessage id="search.submit" />
          </Button>
          <Button variant="default" onClick={() => setForm(emptyForm(form.eventType))}>
            <FormattedMessage id="advancedSearch.clear" />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
