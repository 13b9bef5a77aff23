import { todayIn, type EventConfig } from '@lifeline/domain';
import { Alert, Center, Container, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import { useParams, useSearchParams } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import { useAppConfig, useMe } from '../api/config.ts';
import type { EventDocument, Me } from '../api/types.ts';
import { parseScopes, submitOptions } from './actions.ts';
import { DeclarationForm } from './DeclarationForm.tsx';
import {
  answersChangedAt,
  defaultValues,
  findDraftForEvent,
  listDrafts,
  loadDraft,
  newDraft,
  startingValues,
  type Draft,
} from './drafts.ts';
import { useLocation } from './locations.ts';
import { ResumeChooser } from './ResumeChooser.tsx';

type Start = { kind: 'form'; draft: Draft } | { kind: 'choose'; drafts: Draft[] };

/** Which draft a new declaration continues: the one in the URL, else the user chooses among unsent ones. */
async function startNew(me: Me, event: EventConfig, draftParam: string | null): Promise<Start> {
  if (draftParam) {
    const found = await loadDraft(draftParam);
    if (found && found.username === me.username && found.type === event.id) return { kind: 'form', draft: found };
  }
  const drafts = await listDrafts(me.username, event.id);
  if (drafts.length) return { kind: 'choose', drafts };
  return { kind: 'form', draft: { ...newDraft(me.username, event.id), values: defaultValues(event) } };
}

/** The user's latest answers for a record: their draft on this device or on the server, else the record's. */
async function startExisting(me: Me, record: EventDocument): Promise<Start> {
  const local = await findDraftForEvent(me.username, record.id);
  const server = await api<{ declaration: Record<string, unknown>; updatedAt: string }>(
    `/api/events/${record.id}/draft`,
  ).catch(() => undefined);
  const { values, source } = startingValues(record.declaration, local, server, answersChangedAt(record.actions));
  const draft = local ?? newDraft(me.username, record.type, record.id);
  return { kind: 'form', draft: { ...draft, values: source === 'device' ? draft.values : values } };
}

/**
 * `/declare/:type` (a new record) and `/records/:id/declare` (continue or edit one): loads the form's config,
 * the user, the record and the draft, then shows the form.
 */
export default function DeclarePage() {
  const { type, id } = useParams();
  const [params] = useSearchParams();
  const intl = useIntl();
  const config = useAppConfig();
  const me = useMe();
  const record = useQuery({
    queryKey: ['event', id],
    queryFn: ({ signal }) => api<EventDocument>(`/api/events/${id}`, { signal }),
    enabled: !!id,
  });
  const eventType = id ? record.data?.type : type;
  const event = config.data?.events.find((e) => e.id === eventType);
  const draftParam = params.get('draft');
  const start = useQuery({
    queryKey: ['declare-start', eventType, id ?? null, draftParam, record.data?.version ?? null],
    queryFn: () => (record.data ? startExisting(me.data!, record.data) : startNew(me.data!, event!, draftParam)),
    enabled: !!me.data && !!event && (!id || !!record.data),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const office = useLocation(me.data?.primaryOfficeId);
  const settings = config.data?.settings;
  const today = useMemo(() => (settings ? todayIn(settings.timeZone) : ''), [settings]);
  const options = useMemo(
    () =>
      me.data && eventType
        ? submitOptions(parseScopes(me.data.scopes), eventType, record.data ?? undefined)
        : { complete: undefined, incomplete: undefined },
    [me.data, eventType, record.data],
  );

  const failed = config.error ?? me.error ?? record.error ?? start.error;
  if (failed) {
    const detail = failed instanceof ApiError ? failed.problem.detail : failed.message;
    return (
      <Container size="md" py="md">
        <Alert color="red" title={intl.formatMessage({ id: 'forms.loadError' })}>
          {detail}
        </Alert>
      </Container>
    );
  }
  if (config.data && !event && (!id || record.data)) {
    return (
      <Container size="md" py="md">
        <Alert color="red">{intl.formatMessage({ id: 'forms.unknownEvent' }, { type: eventType ?? '' })}</Alert>
      </Container>
    );
  }
  if (!start.data || !event || !settings || !me.data) {
    return (
      <Center py="xl">
        <Loader aria-label={intl.formatMessage({ id: 'forms.loading' })} />
      </Center>
    );
  }
  if (start.data.kind === 'choose')
    return <ResumeChooser event={event} drafts={start.data.drafts} username={me.data.username} />;
  return (
    <DeclarationForm
      key={start.data.draft.localId}
      event={event}
      settings={settings}
      me={me.data}
      draft={start.data.draft}
      record={record.data}
      identityProvider={config.data?.identityProvider ?? false}
      today={today}
      homeAreaId={office.data?.parentId ?? null}
      options={options}
    />
  );
}
