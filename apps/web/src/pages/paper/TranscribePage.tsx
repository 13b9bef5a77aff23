import {
  todayIn,
  type EventConfig,
  type PaperDifference,
  type PaperEntryResult,
  type PaperPageDetail,
} from '@lifeline/domain';
import {
  Alert,
  Button,
  Center,
  Container,
  Grid,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useParams } from 'react-router';
import { useAppConfig, useMe } from '../../api/config.ts';
import { FormContext } from '../../forms/FormContext.ts';
import { FormPage } from '../../forms/FormPage.tsx';
import { useFormState } from '../../forms/useFormState.ts';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { assignPage, releasePage, submitEntry, usePaperPage } from './api.ts';
import { ScanView } from './ScanView.tsx';

/** Name parts in the order they are read (stored answers come back with their keys in any order). */
const NAME_ORDER = ['firstname', 'middlename', 'surname'];
const rank = (key: string) => (NAME_ORDER.includes(key) ? NAME_ORDER.indexOf(key) : NAME_ORDER.length);

const show = (value: unknown) =>
  value === null || value === undefined
    ? '—'
    : typeof value === 'object'
      ? Object.entries(value)
          .sort(([a], [b]) => rank(a) - rank(b))
          .map(([, v]) => String(v))
          .join(' ')
      : String(value);

/** `/paper/:id`: the scan beside the country's form and the original registration; taken on opening. */
export default function TranscribePage() {
  const { id = '' } = useParams();
  const page = usePaperPage(id);
  const config = useAppConfig();
  const me = useMe();
  const [taken, setTaken] = useState<unknown>(null);
  const client = useQueryClient();
  useEffect(() => {
    assignPage(id).then(
      () => client.invalidateQueries({ queryKey: ['paper-page', id] }),
      (error: unknown) => setTaken(error),
    );
  }, [id, client]);
  const event = config.data?.events.find((e) => e.id === page.data?.eventType);
  if (page.error) return <ProblemAlert error={page.error} />;
  if (!page.data || !event || !config.data || !me.data) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  return (
    <Transcription
      key={`${page.data.id}:${page.data.status}`}
      page={page.data}
      event={event}
      settings={config.data.settings}
      taken={taken}
    />
  );
}

function Transcription(props: {
  page: PaperPageDetail;
  event: EventConfig;
  settings: NonNullable<ReturnType<typeof useAppConfig>['data']>['settings'];
  taken: unknown;
}) {
  const { page, event, settings } = props;
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { language } = useLanguage();
  const today = useMemo(() => todayIn(settings.timeZone), [settings]);
  const resolving = page.status === 'to-resolve' && page.entries.length === 2;
  const first = resolving ? page.entries[0] : null;
  const form = useFormState(event, (first?.declaration ?? {}) as Record<string, never>, today, language);
  const [number, setNumber] = useState(first?.registration.number ?? '');
  const [date, setDate] = useState(first?.registration.date ?? '');
  const [registrar, setRegistrar] = useState(first?.registration.registrar ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<PaperEntryResult | null>(null);
  const client = useQueryClient();
  const navigate = useNavigate();
  // The queue (and its count in the navigation) changes with every entry and release.
  const refreshQueue = () => client.invalidateQueries({ queryKey: ['paper-pages'] });
  const context = useMemo(() => ({ event, settings, today, homeAreaId: null }), [event, settings, today]);

  const pick = (d: PaperDifference, value: unknown) => {
    if (d.field === 'registration.number') setNumber(String(value ?? ''));
    else if (d.field === 'registration.date') setDate(String(value ?? ''));
    else if (d.field === 'registration.registrar') setRegistrar(String(value ?? ''));
    else form.setValue(d.field, value ?? undefined);
  };

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = {
        declaration: form.visibility.values as Record<string, unknown>,
        registration: { number, date, registrar: registrar || null },
      };
      setResult(await submitEntry(page.id, body, resolving));
      void refreshQueue();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // Fields where the entries differ stand out in the form (the registration's own inputs carry such ids too).
  const highlight = page.differences
    .map((d) => `[id="field-${d.field}"]{outline:3px solid var(--mantine-color-orange-6);outline-offset:4px}`)
    .join('');
  return (
    <FormContext.Provider value={context}>
      <style>{highlight}</style>
      <Container fluid py="md" data-testid="transcribe">
        <Title order={1} size="h2" mb="sm">
          {[page.register, page.volume && `vol. ${page.volume}`, page.page && `p. ${page.page}`]
            .filter(Boolean)
            .join(', ') || t('paper.scan')}
        </Title>
        {props.taken ? <ProblemAlert error={props.taken} /> : null}
        <Grid>
          <Grid.Col span={{ base: 12, md: 6 }} style={{ position: 'sticky', top: 0, alignSelf: 'flex-start' }}>
            <ScanView path={`/api/paper/pages/${page.id}/scan`} contentType={page.contentType} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="md">
              {resolving && (
                <Stack gap="xs" data-testid="paper-differences">
                  <Title order={2} size="h4">
                    <FormattedMessage id="paper.differences" />
                  </Title>
                  <Table>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('paper.field')}</Table.Th>
                        <Table.Th>{t('paper.first')}</Table.Th>
                        <Table.Th>{t('paper.second')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {page.differences.map((d) => (
                        <Table.Tr key={d.field} data-difference={d.field} bg="orange.0">
                          <Table.Td>{d.field}</Table.Td>
                          <Table.Td>
                            {show(d.first)}{' '}
                            <Button size="compact-xs" variant="light" onClick={() => pick(d, d.first)}>
                              {t('paper.useFirst')}
                            </Button>
                          </Table.Td>
                          <Table.Td>
                            {show(d.second)}{' '}
                            <Button size="compact-xs" variant="light" onClick={() => pick(d, d.second)}>
                              {t('paper.useSecond')}
                            </Button>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Stack>
              )}
              <Title order={2} size="h4">
                <FormattedMessage id="paper.original" />
              </Title>
              <Group grow>
                <TextInput
                  label={t('paper.number')}
                  required
                  value={number}
                  onChange={(e) => setNumber(e.currentTarget.value)}
                  id="field-registration.number"
                  data-testid="paper-number"
                />
                <TextInput
                  label={t('paper.date')}
                  required
                  type="date"
                  value={date}
                  onChange={(e) => setDate(e.currentTarget.value)}
                  id="field-registration.date"
                  data-testid="paper-date"
                />
              </Group>
              <TextInput
                label={t('paper.registrar')}
                value={registrar}
                onChange={(e) => setRegistrar(e.currentTarget.value)}
                id="field-registration.registrar"
                data-testid="paper-registrar"
              />
              {form.visibility.pages.map((p) => (
                <FormPage key={p.id} page={p} form={form} />
              ))}
              {error ? <ProblemAlert error={error} /> : null}
              {result && (
                <Alert color={result.eventId ? 'green' : 'blue'} role="status" data-testid="paper-result">
                  <Text>
                    {t(result.eventId ? 'paper.done' : result.differences.length ? 'paper.differ' : 'paper.waiting')}
                  </Text>
                  {result.eventId && (
                    <Link to={`/records/${result.eventId}`}>
                      <FormattedMessage id="paper.viewRecord" />
                    </Link>
                  )}
                </Alert>
              )}
              <Group justify="space-between">
                <Button
                  variant="default"
                  disabled={!!result}
                  onClick={() =>
                    void releasePage(page.id).then(() => {
                      void refreshQueue();
                      void navigate('/paper');
                    }, setError)
                  }
                >
                  <FormattedMessage id="paper.release" />
                </Button>
                <Button onClick={send} loading={busy} disabled={!!result} data-testid="paper-submit">
                  {t(resolving ? 'paper.resolve' : 'paper.submit')}
                </Button>
              </Group>
            </Stack>
          </Grid.Col>
        </Grid>
      </Container>
    </FormContext.Provider>
  );
}
