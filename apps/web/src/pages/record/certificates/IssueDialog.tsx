import { Alert, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { EventDocument } from '../../../api/types.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useFormatters } from '../../data/format.ts';
import { READABLE_DIMMED } from '../../search/contrast.ts';
import { newTransactionId, useIssueCertificate, type CertificateSummary } from './api.ts';
import { CollectorFields } from './CollectorFields.tsx';
import { collectorBody, dialogErrors, emptyCollector, peopleOnRecord, type CollectorForm } from './collector.ts';

interface Props {
  record: EventDocument;
  /** Certificates printed in advance and not yet handed over, oldest first. */
  waiting: CertificateSummary[];
  onClose(): void;
}

/** Hand over a certificate printed in advance: who collects it, and the check of their ID. */
export function IssueDialog({ record, waiting, onClose }: Props) {
  const intl = useIntl();
  const format = useFormatters();
  const issue = useIssueCertificate(record);
  const [transactionId] = useState(newTransactionId);
  const [certificateId, setCertificateId] = useState(waiting[0]?.id ?? '');
  const [collector, setCollector] = useState<CollectorForm>(emptyCollector);
  const { fields: errors, general } = dialogErrors(issue.error);

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={<FormattedMessage id="certificate.issue.title" />}
      data-testid="issue-dialog"
    >
      <div style={READABLE_DIMMED}>
        {issue.isSuccess ? (
          <Stack>
            <Alert color="green" role="status">
              <FormattedMessage id="certificate.issue.done" />
            </Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                <FormattedMessage id="certificate.close" />
              </Button>
            </Group>
          </Stack>
        ) : (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              issue.mutate({
                transactionId,
                certificateId: certificateId || undefined,
                collector: collectorBody(collector),
                identityVerified: collector.identityVerified,
              });
            }}
          >
            <Stack gap="md">
              {waiting.length > 1 ? (
                <Radio.Group
                  label={intl.formatMessage({ id: 'certificate.issue.which' })}
                  value={certificateId}
                  onChange={setCertificateId}
                  error={errors.certificateId}
                >
                  <Stack gap="xs" mt="xs">
                    {waiting.map((c) => (
                      <Radio
                        key={c.id}
                        value={c.id}
                        label={intl.formatMessage(
                          { id: 'certificate.issue.printedOn' },
                          { id: c.id, when: format.dateTime(c.printedAt) },
                        )}
                      />
                    ))}
                  </Stack>
                </Radio.Group>
              ) : (
                <Text size="sm">
                  <FormattedMessage id="certificate.issue.one" values={{ id: waiting[0]?.id ?? '' }} />
                </Text>
              )}
              <CollectorFields
                people={peopleOnRecord(record.declaration)}
                value={collector}
                onChange={(c) => {
                  setCollector(c);
                  if (issue.isError) issue.reset();
                }}
                errors={errors}
                allowInAdvance={false}
              />
              {general ? (
                <ProblemAlert error={general} title={intl.formatMessage({ id: 'certificate.issue.failed' })} />
              ) : null}
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>
                  <FormattedMessage id="common.cancel" />
                </Button>
                <Button type="submit" color="blue.8" loading={issue.isPending} disabled={!collector.type}>
                  <FormattedMessage id="certificate.issue.confirm" />
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </div>
    </Modal>
  );
}
