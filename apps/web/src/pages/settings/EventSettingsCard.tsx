import type { EventSettings, SettingsView } from '@lifeline/domain';
import { Card, Checkbox, Group, NumberInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import type { FieldErrors } from './SettingsPage.tsx';

const FEES = ['onTime', 'late', 'delayed', 'certifiedCopy'] as const;

/** One event type's fees, time limits, registration number format and optional fields. */
export function EventSettingsCard({
  event,
  value,
  currency,
  errors,
  onChange,
}: {
  event: SettingsView['events'][number];
  value: EventSettings;
  currency: string;
  errors: FieldErrors;
  onChange(value: EventSettings): void;
}) {
  const intl = useIntl();
  const at = (path: string) => errors[`settings.events.${event.id}.${path}`];
  const timeliness = value.timeliness ?? { onTimeDays: 30 };
  const hidden = new Set(value.hiddenFields ?? []);
  return (
    <Card withBorder data-testid={`settings-event-${event.id}`}>
      <Title order={2} size="h4" mb="sm">
        {event.label}
      </Title>
      <Stack gap="sm">
        {value.fees && (
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {FEES.map((fee) => (
              <NumberInput
                key={fee}
                label={intl.formatMessage({ id: `settings.fee.${fee}` }, { currency })}
                value={value.fees![fee] ?? ''}
                min={0}
                decimalScale={2}
                error={at(`fees.${fee}`) ?? (fee === 'onTime' ? at('fees') : undefined)}
                onChange={(v) =>
                  onChange({
                    ...value,
                    fees: { ...value.fees!, [fee]: v === '' && fee === 'delayed' ? undefined : Number(v) },
                  })
                }
                data-testid={`settings-${event.id}-fee-${fee}`}
              />
            ))}
          </SimpleGrid>
        )}
        <Group align="flex-start">
          <NumberInput
            label={intl.formatMessage({ id: 'settings.onTimeDays' })}
            value={timeliness.onTimeDays}
            min={1}
            error={at('timeliness.onTimeDays') ?? at('timeliness')}
            onChange={(v) => onChange({ ...value, timeliness: { ...timeliness, onTimeDays: Number(v) } })}
          />
          <NumberInput
            label={intl.formatMessage({ id: 'settings.lateDays' })}
            value={timeliness.lateDays ?? ''}
            min={1}
            error={at('timeliness.lateDays')}
            onChange={(v) =>
              onChange({ ...value, timeliness: { ...timeliness, lateDays: v === '' ? undefined : Number(v) } })
            }
          />
          <TextInput
            label={intl.formatMessage({ id: 'settings.registrationNumberFormat' })}
            description={intl.formatMessage({ id: 'settings.registrationNumberFormat.help' })}
            value={value.registrationNumberFormat ?? ''}
            error={at('registrationNumberFormat')}
            onChange={(e) => onChange({ ...value, registrationNumberFormat: e.currentTarget.value })}
            styles={{ input: { fontFamily: 'monospace' } }}
          />
        </Group>
        <Checkbox
          label={intl.formatMessage({ id: 'settings.nationalIdConfirmation' })}
          description={intl.formatMessage({ id: 'settings.nationalIdConfirmation.help' })}
          checked={value.nationalIdConfirmation ?? false}
          onChange={(e) => onChange({ ...value, nationalIdConfirmation: e.currentTarget.checked })}
          data-testid={`settings-${event.id}-national-id-confirmation`}
        />
        {event.hideableFields.length > 0 && (
          <div>
            <Text size="sm" fw={500}>
              <FormattedMessage id="settings.optionalFields" />
            </Text>
            {at('hiddenFields') && (
              <Text c="red.8" size="sm">
                {at('hiddenFields')}
              </Text>
            )}
            <SimpleGrid cols={{ base: 1, sm: 3 }} mt={4}>
              {event.hideableFields.map((field) => (
                <Checkbox
                  key={field.id}
                  label={field.label}
                  checked={!hidden.has(field.id)}
                  onChange={(e) => {
                    const next = new Set(hidden);
                    if (e.currentTarget.checked) next.delete(field.id);
                    else next.add(field.id);
                    onChange({ ...value, hiddenFields: [...next] });
                  }}
                />
              ))}
            </SimpleGrid>
          </div>
        )}
      </Stack>
    </Card>
  );
}
