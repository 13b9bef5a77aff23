import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { memo, useState } from 'react';
import { useIntl } from 'react-intl';
import { useNavigate } from 'react-router';
import { api, ApiError, NetworkError } from '../api/client.ts';
import type { EventDocument } from '../api/types.ts';
import { deleteDraft, saveDraft, type Draft } from './drafts.ts';
import { ensureRecord } from './submission.ts';
import { showToast } from './toast.ts';
import type { useAutosave } from './useAutosave.ts';

/** Where the draft is kept, "Save and exit", and "Discard". */
export const SaveControls = memo(function SaveControls(props: {
  draft: Draft;
  /** The answers now (read when saving, so typing does not re-render these buttons). */
  getValues(): Record<string, unknown>;
  autosave: ReturnType<typeof useAutosave>;
  record?: EventDocument;
}) {
  const intl = useIntl();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const time = props.autosave.status.at ? intl.formatTime(props.autosave.status.at, { timeStyle: 'short' }) : '';
  const exitTo = props.record ? `/records/${props.record.id}` : '/workqueues';

  /** Keep the draft on the device, and on the server when possible (creating the record there on first save). */
  async function saveAndExit() {
    setBusy(true);
    await props.autosave.flush();
    let onServer = false;
    try {
      if (navigator.onLine) {
        const id = await ensureRecord(props.draft, { api, saveDraft });
        await api(`/api/events/${id}/draft`, { method: 'PUT', body: { declaration: props.getValues() } });
        onServer = true;
      }
    } catch (error) {
      if (!(error instanceof NetworkError) && !(error instanceof ApiError)) throw error;
    } finally {
      setBusy(false);
    }
    props.autosave.stop();
    showToast(t(onServer ? 'forms.saved.server' : 'forms.saved.device'), 'info');
    navigate(exitTo);
  }

  async function discard() {
    props.autosave.stop();
    await deleteDraft(props.draft.localId);
    const id = props.draft.eventId;
    if (id) {
      // The server's draft goes too; a record never sent (only created) is deleted with it.
      await api(`/api/events/${id}/draft`, { method: 'DELETE' }).catch(() => undefined);
      if (!props.record || props.record.status === 'CREATED') {
        await api(`/api/events/${id}`, { method: 'DELETE' }).catch(() => undefined);
      }
    }
    showToast(t('forms.discarded'), 'info');
    navigate(props.record && props.record.status !== 'CREATED' ? exitTo : '/workqueues');
  }

  return (
    <Stack gap={4} align="flex-end">
      <Group gap="xs">
        <Button variant="subtle" color="red" onClick={() => setConfirming(true)}>
          {t('forms.discard')}
        </Button>
        <Button variant="default" loading={busy} onClick={saveAndExit}>
          {t('forms.saveAndExit')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed" aria-live="polite" data-testid="save-status">
        {props.autosave.status.where === 'server' && t('forms.status.server', { time })}
        {props.autosave.status.where === 'device' && t('forms.status.device', { time })}
      </Text>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('forms.discardTitle')}>
        <Text size="sm">{t('forms.discardBody')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('forms.cancel')}
          </Button>
          <Button color="red" onClick={discard}>
            {t('forms.discardConfirm')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
});
