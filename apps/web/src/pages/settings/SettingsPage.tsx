import type { EffectiveSettings } from '@lifeline/domain';
import {
  Alert,
  Button,
  Card,
  FileButton,
  Group,
  Image,
  Loader,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../api/client.ts';
import { usePermissions } from '../data/permissions.ts';
import { changedSettings } from './changes.ts';
import { EmailStaffCard } from './EmailStaffCard.tsx';
import { EventSettingsCard } from './EventSettingsCard.tsx';
import { FamilyMessagesCard } from './FamilyMessagesCard.tsx';
import { useSaveSettings, useSettings } from './queries.ts';
import { VersionsCard } from './VersionsCard.tsx';

/** Field errors of a refused save, by the path the server names (e.g. `settings.events.birth.fees.late`). */
export type FieldErrors = Record<string, string>;

/** The national system administrator's application settings: a new version on every save, in force at once. */
export default function SettingsPage() {
  const intl = useIntl();
  const permissions = usePermissions();
  const view = useSettings();
  const save = useSaveSettings();
  const [draft, setDraft] = useState<EffectiveSettings | null>(null);
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (view.data) setDraft(structuredClone(view.data.settings));
  }, [view.data]);

  if (!permissions.has('config.update-all')) {
    return (
      <Alert color="red">
        <FormattedMessage id="settings.forbidden" />
      </Alert>
    );
  }
  if (!view.data || !draft) return <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />;
  const data = view.data;
  const errors: FieldErrors = Object.fromEntries(
    save.error instanceof ApiError ? (save.error.problem.errors ?? []).map((e) => [e.field, e.message]) : [],
  );
  const error = (path: string) => errors[`settings.${path}`];
  const change = changedSettings(data.settings, draft);
  const set = (patch: Partial<EffectiveSettings>) => {
    setSaved(false);
    setDraft({ ...draft, ...patch });
  };

  const onSave = () =>
    save.mutate(
      { settings: change, reason: reason.trim(), baseVersion: data.version },
      {
        onSuccess: () => {
          setReason('');
          setSaved(true);
        },
      },
    );

  const readLogo = (file: File | null) => {
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => set({ logo: String(reader.result) });
    reader.readAsDataURL(file);
  };

  return (
    <Stack gap="md" data-testid="settings-page">
      <Title order={1} size="h2">
        <FormattedMessage id="settings.title" />
      </Title>
      <Text size="sm">
        <FormattedMessage id="settings.intro" values={{ version: data.version }} />
      </Text>

      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          <FormattedMessage id="settings.country" />
        </Title>
        <Stack gap="sm">
          <TextInput
            label={intl.formatMessage({ id: 'settings.countryName' })}
            value={draft.countryName}
            error={error('countryName')}
            onChange={(e) => set({ countryName: e.currentTarget.value })}
            data-testid="settings-countryName"
          />
          <TextInput
            label={intl.formatMessage({ id: 'settings.currency' })}
            value={draft.currency}
            error={error('currency')}
            onChange={(e) => set({ currency: e.currentTarget.value.toUpperCase() })}
            maxLength={3}
            w={120}
          />
          <Group>
            {draft.logo && <Image src={draft.logo} alt="" h={48} w="auto" />}
            <FileButton onChange={readLogo} accept="image/png,image/jpeg,image/svg+xml">
              {(props) => (
                <Button variant="default" {...props}>
                  <FormattedMessage id="settings.logo" />
                </Button>
              )}
            </FileButton>
            {error('logo') && (
              <Text c="red.8" size="sm">
                {error('logo')}
              </Text>
            )}
          </Group>
          <Select
            label={intl.formatMessage({ id: 'settings.defaultLanguage' })}
            data={data.languages}
            value={draft.defaultLanguage}
            error={error('defaultLanguage')}
            onChange={(value) => value && set({ defaultLanguage: value })}
            allowDeselect={false}
            w={160}
          />
          <TextInput
            label={intl.formatMessage({ id: 'settings.nationalIdPattern' })}
            description={intl.formatMessage({ id: 'settings.nationalIdPattern.help' })}
            value={draft.nationalIdPattern}
            error={error('nationalIdPattern')}
            onChange={(e) => set({ nationalIdPattern: e.currentTarget.value })}
            styles={{ input: { fontFamily: 'monospace' } }}
          />
        </Stack>
      </Card>

      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          <FormattedMessage id="settings.security" />
        </Title>
        <Group align="flex-start">
          <NumberInput
            label={intl.formatMessage({ id: 'settings.passwordMinLength' })}
            description={intl.formatMessage({ id: 'settings.passwordMinLength.help' })}
            value={draft.passwordMinLength}
            min={12}
            max={64}
            error={error('passwordMinLength')}
            onChange={(value) => set({ passwordMinLength: Number(value) })}
          />
          <NumberInput
            label={intl.formatMessage({ id: 'settings.sessionHours' })}
            description={intl.formatMessage({ id: 'settings.sessionHours.help' })}
            value={draft.sessionHours}
            min={1}
            max={168}
            error={error('sessionHours')}
            onChange={(value) => set({ sessionHours: Number(value) })}
          />
        </Group>
      </Card>

      {data.events.map((event) => (
        <EventSettingsCard
          key={event.id}
          event={event}
          value={draft.events[event.id] ?? {}}
          currency={draft.currency}
          errors={errors}
          onChange={(value) => set({ events: { ...draft.events, [event.id]: value } })}
        />
      ))}

      <FamilyMessagesCard
        value={draft.familyMessages}
        languages={data.languages}
        errors={errors}
        onChange={(familyMessages) => set({ familyMessages })}
      />

      <Card withBorder>
        <Stack gap="sm">
          <Textarea
            label={intl.formatMessage({ id: 'settings.reason' })}
            description={intl.formatMessage({ id: 'settings.reason.help' })}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            data-testid="settings-reason"
          />
          {save.error && (
            <Alert color="red" role="alert" data-testid="settings-error">
              {save.error.message}
            </Alert>
          )}
          {saved && !save.error && (
            <Alert color="green" role="status" data-testid="settings-saved">
              <FormattedMessage id="settings.saved" values={{ version: data.version }} />
            </Alert>
          )}
          <Group>
            <Button
              onClick={onSave}
              loading={save.isPending}
              disabled={!Object.keys(change).length || !reason.trim()}
              data-testid="settings-save"
            >
              <FormattedMessage id="settings.save" />
            </Button>
            <Button
              variant="default"
              onClick={() => setDraft(structuredClone(data.settings))}
              disabled={!Object.keys(change).length}
            >
              <FormattedMessage id="settings.discard" />
            </Button>
          </Group>
        </Stack>
      </Card>

      <VersionsCard current={data.version} />
      <EmailStaffCard />
    </Stack>
  );
}
