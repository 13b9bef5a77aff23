import { Alert, Anchor, Loader, Paper, Stack, Title } from '@mantine/core';
import { useNetwork } from '@mantine/hooks';
import { lazy, Suspense, useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ProblemAlert, ProblemText } from './components/ProblemAlert.tsx';
import { useRecord } from './data/queries.ts';
import { useEventConfig } from './data/useEventConfig.ts';
import { CompareLink } from './record/duplicates/CompareLink.tsx';
import { DeclarationDetails } from './record/DeclarationDetails.tsx';
import { Documents } from './record/Documents.tsx';
import { DuplicateReview } from './record/DuplicateReview.tsx';
import { History } from './record/History.tsx';
import { FamilyMessages } from './record/FamilyMessages.tsx';
import { RecordActions, type ActionOutcome } from './record/RecordActions.tsx';
import { RecordHeader } from './record/RecordHeader.tsx';
import { PendingCorrection } from './record/corrections/PendingCorrection.tsx';

// Who viewed, printed and changed the record: loaded with the section.
const AuditTable = lazy(() => import('./audit/AuditTable.tsx').then((m) => ({ default: m.AuditTable })));
// Certificates concern registered records only: their code loads when one is opened.
const CertificatesSection = lazy(() => import('./record/certificates/CertificatesSection.tsx'));

/** One record: key facts, what the user may do with it, every detail, the documents and the full history. */
export function RecordPage() {
  const { id } = useParams();
  const record = useRecord(id);
  const { config } = useEventConfig(record.data?.type);
  // A decision taken on another page (the duplicate comparison) is reported here, where the record now is.
  const location = useLocation();
  const [outcome, setOutcome] = useState<ActionOutcome | null>(
    () => (location.state as { outcome?: ActionOutcome } | null)?.outcome ?? null,
  );
  const navigate = useNavigate();
  const reported = !!(location.state as { outcome?: ActionOutcome } | null)?.outcome;
  useEffect(() => {
    // Shown once: a reload or a return to this page does not report it again.
    if (reported) void navigate(location.pathname, { replace: true, state: null });
  }, [reported, navigate, location.pathname]);
  const intl = useIntl();
  const { online } = useNetwork();

  if (record.isLoading) return <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />;
  if (!record.data) return <ProblemAlert error={record.error} />;
  const doc = record.data;

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/workqueues" size="sm">
        <FormattedMessage id="record.back" />
      </Anchor>
      <RecordHeader record={doc} />
      {!online && (
        <Alert color="yellow" data-testid="kept-copy">
          <FormattedMessage id="record.offline.copy" />
        </Alert>
      )}
      <div aria-live="polite">
        {outcome?.ok === 'queued' && (
          <Alert
            color="yellow"
            role="status"
            data-testid="action-queued"
            withCloseButton
            onClose={() => setOutcome(null)}
          >
            <FormattedMessage
              id="record.queued"
              values={{ action: intl.formatMessage({ id: `record.action.${outcome.action}` }) }}
            />
          </Alert>
        )}
        {outcome?.ok === true && (
          <Alert
            color="green"
            role="status"
            data-testid="action-success"
            withCloseButton
            onClose={() => setOutcome(null)}
          >
            <FormattedMessage
              id={`record.done.${outcome.action}`}
              values={{ number: outcome.record.registrationNumber ?? '' }}
            />
          </Alert>
        )}
        {outcome && !outcome.ok && (
          <Alert
            color="red"
            role="alert"
            data-testid="action-failure"
            title={<FormattedMessage id={`record.failed.${outcome.action}`} />}
            withCloseButton
            onClose={() => setOutcome(null)}
          >
            <ProblemText error={outcome.error} />
          </Alert>
        )}
      </div>
      <DuplicateReview record={doc} onOutcome={setOutcome} />
      <CompareLink record={doc} />
      <PendingCorrection record={doc} eventConfig={config} onOutcome={setOutcome} />
      <RecordActions record={doc} onOutcome={setOutcome} />
      {doc.status === 'REGISTERED' && (
        <Suspense fallback={<Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />}>
          <CertificatesSection record={doc} />
        </Suspense>
      )}
      <Section titleId="record.details">
        {config ? <DeclarationDetails eventConfig={config} declaration={doc.declaration} /> : null}
      </Section>
      <Section titleId="record.documents">
        {config ? <Documents eventConfig={config} declaration={doc.declaration} actions={doc.actions} /> : null}
      </Section>
      <Section titleId="record.history">
        <History actions={doc.actions} eventConfig={config} />
      </Section>
      <Section titleId="record.messages">
        <FamilyMessages eventId={doc.id} />
      </Section>
      <Section titleId="record.audit">
        <Suspense fallback={<Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />}>
          <AuditTable
            filters={{ eventId: doc.id }}
            caption={intl.formatMessage({ id: 'record.audit' })}
            showRecord={false}
          />
        </Suspense>
      </Section>
    </Stack>
  );
}

function Section({ titleId, children }: { titleId: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" component="section">
      <Title order={2} size="h3" mb="sm">
        <FormattedMessage id={titleId} />
      </Title>
      {children}
    </Paper>
  );
}
