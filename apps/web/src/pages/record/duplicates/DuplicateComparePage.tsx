import type { EventConfig } from '@lifeline/domain';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Radio,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { EventDocument } from '../../../api/types.ts';
import { useLanguage } from '../../../i18n/LanguageProvider.tsx';
import { ProblemAlert, ProblemText } from '../../components/ProblemAlert.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { usePermissions } from '../../data/permissions.ts';
import { useRecord } from '../../data/queries.ts';
import { useEventConfig } from '../../data/useEventConfig.ts';
import { READABLE_DIMMED } from '../../search/contrast.ts';
import type { ActionOutcome } from '../RecordActions.tsx';
import {
  compareDeclarations,
  detectedCandidates,
  restrictedCandidates,
  type ComparedPage,
  type DetectedCandidate,
} from './compare.ts';
import { VerdictDialog } from './VerdictDialog.tsx';
import { useDuplicateVerdict, type Verdict } from './useDuplicateVerdict.ts';

// Answers are shown as in the record's details (names joined, places by name...), with the form code's helpers.
const FormattedValue = lazy(() =>
  import('../../../forms/FormattedValue.tsx').then((module) => ({ default: module.FormattedValue })),
);

/**
 * A declaration flagged as a possible duplicate next to each record the check found like it, field by field by
 * form page, the answers that differ highlighted; and the reviewer's verdict.
 */
export default function DuplicateComparePage() {
  const { id } = useParams();
  const intl = useIntl();
  const [params, setParams] = useSearchParams();
  const record = useRecord(id);
  const { config } = useEventConfig(record.data?.type);
  const candidates = record.data ? detectedCandidates(record.data.actions) : [];
  const restricted = record.data ? restrictedCandidates(record.data.actions).length : 0;
  const chosen = candidates.find((c) => c.id === params.get('with')) ?? candidates[0];
  const candidate = useRecord(chosen?.id);

  if (record.isLoading) return <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />;
  if (!record.data) return <ProblemAlert error={record.error} />;
  const doc = record.data;

  return (
    <Stack gap="md" style={READABLE_DIMMED}>
      <Anchor component={Link} to={`/records/${doc.id}`} size="sm">
        <FormattedMessage id="compare.back" />
      </Anchor>
      <Title order={1} size="h2">
        <FormattedMessage
          id="compare.title"
          values={{ name: doc.title || intl.formatMessage({ id: 'record.noName' }) }}
        />
      </Title>
      {!doc.flags.includes('potential-duplicate') && (
        <Alert color="blue" role="status">
          <FormattedMessage id="compare.notFlagged" />
        </Alert>
      )}
      {restricted > 0 && (
        <Alert color="orange" role="status" data-testid="compare-restricted">
          <FormattedMessage id="compare.restricted" values={{ count: restricted }} />
        </Alert>
      )}
      {candidates.length === 0 && restricted === 0 && (
        <Text>
          <FormattedMessage id="compare.noCandidates" />
        </Text>
      )}
      {candidates.length > 1 && chosen && (
        <Radio.Group
          label={intl.formatMessage({ id: 'compare.choose' })}
          value={chosen.id}
          onChange={(next) => setParams({ with: next }, { replace: true })}
        >
          <Group mt="xs">
            {candidates.map((c) => (
              <Radio
                key={c.id}
                value={c.id}
                label={intl.formatMessage(
                  { id: 'compare.candidate' },
                  {
                    number: c.registrationNumber ?? c.trackingId,
                    score: intl.formatNumber(c.score, { style: 'percent' }),
                  },
                )}
              />
            ))}
          </Group>
        </Radio.Group>
      )}
      {chosen && candidate.isLoading && <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />}
      {chosen && !candidate.data && !candidate.isLoading && (
        <ProblemAlert error={candidate.error} title={<FormattedMessage id="compare.candidateFailed" />} />
      )}
      {chosen && candidate.data && config && (
        <>
          <Comparison record={doc} candidate={candidate.data} detected={chosen} config={config} />
          <Verdicts record={doc} candidate={chosen} />
        </>
      )}
    </Stack>
  );
}

function Comparison(props: {
  record: EventDocument;
  candidate: EventDocument;
  detected: DetectedCandidate;
  config: EventConfig;
}) {
  const { record, candidate, detected, config } = props;
  const intl = useIntl();
  const { text } = useLanguage();
  const pages = compareDeclarations(config, record.declaration, candidate.declaration, detected.rules);
  const differing = pages.reduce((n, p) => n + p.fields.filter((f) => f.differs).length, 0);
  const rules = (config.deduplication?.rules ?? []).filter((r) => detected.rules.includes(r.id));
  const thisLabel = intl.formatMessage({ id: 'compare.this' });
  const otherLabel = intl.formatMessage({ id: 'compare.other' });

  return (
    <Stack gap="md" data-testid="duplicate-comparison">
      <Paper withBorder p="md">
        <Table layout="fixed" verticalSpacing="xs">
          <VisuallyHidden component="caption">{intl.formatMessage({ id: 'compare.records' })}</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="28%">
                <VisuallyHidden>
                  <FormattedMessage id="compare.field" />
                </VisuallyHidden>
              </Table.Th>
              <Table.Th>{thisLabel}</Table.Th>
              <Table.Th>{otherLabel}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row" fw={500}>
                <FormattedMessage id="compare.record" />
              </Table.Th>
              <Table.Td>
                <RecordCell record={record} />
              </Table.Td>
              <Table.Td>
                <RecordCell record={candidate} link />
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Text size="sm" mt="sm">
          <FormattedMessage
            id="compare.score"
            values={{ score: <FormattedNumber value={detected.score} style="percent" /> }}
          />
        </Text>
        {rules.length > 0 && (
          <Text size="sm" component="div">
            <FormattedMessage id="compare.rules" />
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              {rules.map((r) => (
                <li key={r.id}>{r.description ? text(r.description) : r.id}</li>
              ))}
            </ul>
          </Text>
        )}
        <Text size="sm" mt="sm" fw={600} data-testid="difference-count" aria-live="polite">
          <FormattedMessage id="compare.differences" values={{ count: differing }} />
        </Text>
      </Paper>
      <Suspense fallback={<Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />}>
        {pages.map((p) => (
          <ComparedPageTable key={p.page.id} compared={p} thisLabel={thisLabel} otherLabel={otherLabel} />
        ))}
      </Suspense>
    </Stack>
  );
}

function RecordCell({ record, link }: { record: EventDocument; link?: boolean }) {
  const intl = useIntl();
  const number = record.registrationNumber ?? record.trackingId;
  return (
    <Stack gap={4} align="flex-start">
      <Text fw={700}>{record.title || intl.formatMessage({ id: 'record.noName' })}</Text>
      {link ? (
        <Anchor component={Link} to={`/records/${record.id}`} size="sm">
          {number}
        </Anchor>
      ) : (
        <Text size="sm">{number}</Text>
      )}
      <StatusBadge status={record.status} flags={record.flags} />
    </Stack>
  );
}

const DIFFERS_BG = 'var(--mantine-color-yellow-1)';

function ComparedPageTable(props: { compared: ComparedPage; thisLabel: string; otherLabel: string }) {
  const { compared, thisLabel, otherLabel } = props;
  const { text } = useLanguage();
  const intl = useIntl();
  const title = text(compared.page.title);
  return (
    <Paper withBorder p="md" component="section" aria-label={title} data-testid={`compare-${compared.page.id}`}>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      <Table layout="fixed" verticalSpacing={6}>
        <VisuallyHidden component="caption">{title}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="28%">
              <FormattedMessage id="compare.field" />
            </Table.Th>
            <Table.Th>{thisLabel}</Table.Th>
            <Table.Th>{otherLabel}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {compared.fields.map(({ field, left, right, differs, compared: byRules }) => (
            <Table.Tr
              key={field.id}
              data-testid={`compare-${field.id}`}
              data-differs={differs ? 'true' : 'false'}
              style={differs ? { background: DIFFERS_BG } : undefined}
            >
              <Table.Th scope="row" fw={500} style={{ verticalAlign: 'top' }}>
                {text(field.label)}
                {differs && (
                  <Badge ml={6} size="sm" color="red.9" variant="filled" tt="none" radius="sm">
                    <FormattedMessage id="compare.differs" />
                  </Badge>
                )}
                {byRules && (
                  <Text size="xs" mt={2}>
                    <FormattedMessage id="compare.byRules" />
                  </Text>
                )}
              </Table.Th>
              <Table.Td style={{ verticalAlign: 'top', overflowWrap: 'anywhere' }}>
                <Answer field={field} value={left} emptyLabel={intl.formatMessage({ id: 'compare.empty' })} />
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top', overflowWrap: 'anywhere' }}>
                <Answer field={field} value={right} emptyLabel={intl.formatMessage({ id: 'compare.empty' })} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function Answer({
  field,
  value,
  emptyLabel,
}: {
  field: ComparedPage['fields'][number]['field'];
  value: unknown;
  emptyLabel: string;
}) {
  if (value === undefined || value === null || value === '') {
    return (
      <Text size="sm" fs="italic">
        {emptyLabel}
      </Text>
    );
  }
  return <FormattedValue field={field} value={value} />;
}

/** "Not a duplicate" and "Duplicate of this one", for reviewers while the record awaits the review. */
function Verdicts({ record, candidate }: { record: EventDocument; candidate: DetectedCandidate }) {
  const permissions = usePermissions();
  const navigate = useNavigate();
  const mutation = useDuplicateVerdict(record);
  const [asking, setAsking] = useState<'MARK_AS_NOT_DUPLICATE' | 'MARK_AS_DUPLICATE' | null>(null);
  if (!record.flags.includes('potential-duplicate') || !permissions.can('MARK_AS_NOT_DUPLICATE', record)) return null;

  const decide = (verdict: Verdict) =>
    mutation.mutate(verdict, {
      onSuccess: (updated) => {
        const action =
          verdict.type === 'MARK_AS_DUPLICATE' && verdict.resolution === 'REJECT' ? 'REJECT' : verdict.type;
        const outcome: ActionOutcome = { ok: true, action, record: updated };
        navigate(`/records/${record.id}`, { state: { outcome } });
      },
    });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="verdict-title" data-testid="duplicate-verdict">
      <Title order={2} size="h4" id="verdict-title" mb="xs">
        <FormattedMessage id="compare.verdict" />
      </Title>
      <Text size="sm" mb="sm">
        <FormattedMessage id="duplicate.explainReviewer" />
      </Text>
      {mutation.error && !asking ? (
        <Alert color="red" role="alert" mb="sm">
          <ProblemText error={mutation.error} />
        </Alert>
      ) : null}
      <Group>
        <Button variant="default" onClick={() => setAsking('MARK_AS_NOT_DUPLICATE')}>
          <FormattedMessage id="duplicate.notDuplicate" />
        </Button>
        <Button color="red.9" onClick={() => setAsking('MARK_AS_DUPLICATE')}>
          <FormattedMessage
            id="compare.markDuplicate"
            values={{ number: candidate.registrationNumber ?? candidate.trackingId }}
          />
        </Button>
      </Group>
      {asking && (
        <VerdictDialog
          kind={asking}
          candidate={candidate}
          busy={mutation.isPending}
          error={mutation.error}
          onDecide={decide}
          onClose={() => {
            setAsking(null);
            mutation.reset();
          }}
        />
      )}
    </Paper>
  );
}
