import { allowedActions } from '@lifeline/domain';
import { Anchor, Button, Group, Loader, Modal, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { EventDocument } from '../../../api/types.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { UserName } from '../../components/UserName.tsx';
import { useFormatters } from '../../data/format.ts';
import { usePermissions } from '../../data/permissions.ts';
import { READABLE_DIMMED } from '../../search/contrast.ts';
import { useCertificates, type CertificateSummary } from './api.ts';
import { IssueDialog } from './IssueDialog.tsx';
import { PdfPreview } from './PdfPreview.tsx';
import { PrintDialog } from './PrintDialog.tsx';

/**
 * A registered record's certificates: print the next one (certificate, then certified copies) for roles that
 * print, hand over those printed in advance, and every one printed with its PDF and public verification page.
 */
export default function CertificatesSection({ record }: { record: EventDocument }) {
  const intl = useIntl();
  const format = useFormatters();
  const permissions = usePermissions();
  const canPrint = permissions.has('record.print-certified-copies', record.type);
  const canSee = canPrint || permissions.has('record.read', record.type);
  const certificates = useCertificates(record.id, canSee);
  const [dialog, setDialog] = useState<'print' | 'issue' | null>(null);
  const [viewing, setViewing] = useState<CertificateSummary | null>(null);
  if (!canSee) return null;

  const allowed = allowedActions(record);
  const next = certificates.data?.next ?? null;
  const list = certificates.data?.certificates ?? [];
  const waiting = list.filter((c) => c.printInAdvance && !c.issued);
  const kindOf = (kind: string) => intl.formatMessage({ id: `certificate.kind.${kind}` });

  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby="certificates-title"
      data-testid="certificates"
      style={READABLE_DIMMED}
    >
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="certificates-title">
          <FormattedMessage id="certificate.section" />
        </Title>
        <Group gap="sm">
          {canPrint && next && allowed.has('PRINT_CERTIFICATE') && (
            <Button color="blue.8" onClick={() => setDialog('print')} data-testid="print-certificate">
              <FormattedMessage id={`certificate.print.button.${next.kind}`} />
            </Button>
          )}
          {canPrint && waiting.length > 0 && allowed.has('ISSUE_CERTIFICATE') && (
            <Button variant="default" onClick={() => setDialog('issue')} data-testid="issue-certificate">
              <FormattedMessage id="certificate.issue.button" />
            </Button>
          )}
        </Group>
      </Group>
      {certificates.isLoading && <Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />}
      <ProblemAlert error={certificates.error} />
      {next && canPrint && allowed.has('PRINT_CERTIFICATE') && (
        <Text size="sm" mb="sm">
          <FormattedMessage
            id="certificate.next"
            values={{
              kind: kindOf(next.kind),
              timeliness: intl.formatMessage({ id: `certificate.timeliness.${next.timeliness}` }),
              fee: intl.formatNumber(next.fee.amount, { style: 'currency', currency: next.fee.currency }),
            }}
          />
        </Text>
      )}
      {certificates.data && list.length === 0 && (
        <Text size="sm">
          <FormattedMessage id="certificate.none" />
        </Text>
      )}
      {list.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" data-testid="certificate-list">
            <VisuallyHidden component="caption">{intl.formatMessage({ id: 'certificate.section' })}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                {[
                  'certificate.number',
                  'certificate.kind',
                  'certificate.printedAt',
                  'certificate.receiptNumber',
                  'certificate.state',
                ].map((id) => (
                  <Table.Th key={id}>
                    <FormattedMessage id={id} />
                  </Table.Th>
                ))}
                <Table.Th>
                  <VisuallyHidden>
                    <FormattedMessage id="certificate.actions" />
                  </VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...list].reverse().map((c) => (
                <Table.Tr key={c.id} data-certificate-id={c.id}>
                  <Table.Td style={{ fontFamily: 'monospace' }}>{c.id}</Table.Td>
                  <Table.Td>{kindOf(c.kind)}</Table.Td>
                  <Table.Td>
                    {format.dateTime(c.printedAt)}
                    <Text size="xs">
                      <UserName id={c.printedBy} />
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.receiptNumber ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600} c={stateColour(c)} data-testid="certificate-state">
                      <FormattedMessage id={stateMessage(c)} />
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Button
                      size="compact-sm"
                      variant="default"
                      onClick={() => setViewing(c)}
                      aria-label={intl.formatMessage({ id: 'certificate.viewNamed' }, { id: c.id })}
                    >
                      <FormattedMessage id="certificate.view" />
                    </Button>
                    <Anchor
                      href={c.verifyUrl}
                      target="_blank"
                      rel="noopener"
                      size="sm"
                      ml="sm"
                      aria-label={intl.formatMessage({ id: 'certificate.verifyNamed' }, { id: c.id })}
                    >
                      <FormattedMessage id="certificate.verify" />
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {dialog === 'print' && next && <PrintDialog record={record} next={next} onClose={() => setDialog(null)} />}
      {dialog === 'issue' && <IssueDialog record={record} waiting={waiting} onClose={() => setDialog(null)} />}
      {viewing && (
        <Modal
          opened
          onClose={() => setViewing(null)}
          size="xl"
          title={intl.formatMessage({ id: 'certificate.pdf.title' }, { kind: kindOf(viewing.kind), id: viewing.id })}
        >
          <PdfPreview
            pdfUrl={viewing.pdfUrl}
            title={intl.formatMessage({ id: 'certificate.pdf.title' }, { kind: kindOf(viewing.kind), id: viewing.id })}
          />
        </Modal>
      )}
    </Paper>
  );
}

/** A superseded or revoked certificate says so first (as public verification does), whoever holds it. */
function stateMessage(c: CertificateSummary): string {
  if (c.standing === 'SUPERSEDED') return 'certificate.state.superseded';
  if (c.standing === 'REVOKED') return 'certificate.state.revoked';
  return c.issued ? 'certificate.state.issued' : 'certificate.state.waiting';
}

function stateColour(c: CertificateSummary): string {
  if (c.standing !== 'VALID') return 'red.8';
  return c.issued ? 'teal.9' : 'grape.8';
}
