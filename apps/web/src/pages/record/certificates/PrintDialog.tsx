import {
  Alert,
  Anchor,
  Button,
  DataList,
  Divider,
  Fieldset,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { EventDocument } from '../../../api/types.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { READABLE_DIMMED } from '../../search/contrast.ts';
import { newTransactionId, usePrintCertificate, type CertificateRef, type CertificatesOfRecord } from './api.ts';
import { CollectorFields } from './CollectorFields.tsx';
import {
  PAYMENT_METHODS,
  collectorBody,
  dialogErrors,
  emptyCollector,
  peopleOnRecord,
  type CollectorForm,
  type PaymentMethod,
} from './collector.ts';
import { PdfPreview } from './PdfPreview.tsx';

type Next = NonNullable<CertificatesOfRecord['next']>;

interface Props {
  record: EventDocument;
  next: Next;
  onClose(): void;
}

/**
 * Print a certificate: who collects it and the check of their ID, the fee paid, then the print: the receipt
 * number, the PDF to print, and the verification link its QR code holds.
 */
export function PrintDialog({ record, next: quoted, onClose }: Props) {
  const intl = useIntl();
  // The quote the dialog opened with: after the print the record's next one is a copy, at another fee.
  const [next] = useState(quoted);
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const print = usePrintCertificate(record);
  const [transactionId] = useState(newTransactionId);
  const [collector, setCollector] = useState<CollectorForm>(emptyCollector);
  const [amount, setAmount] = useState<number | string>(next.fee.amount);
  const [currency, setCurrency] = useState(next.fee.currency);
  const [method, setMethod] = useState<PaymentMethod | ''>('CASH');
  const [printed, setPrinted] = useState<CertificateRef | null>(null);
  const people = peopleOnRecord(record.declaration);
  const { fields: errors, general } = dialogErrors(print.error);
  const fee = intl.formatNumber(next.fee.amount, { style: 'currency', currency: next.fee.currency });
  const kind = t(`certificate.kind.${next.kind}`);

  const submit = () => {
    print.mutate(
      {
        transactionId,
        templateId: next.templateId,
        collector: collectorBody(collector),
        identityVerified: collector.type !== 'PRINT_IN_ADVANCE' && collector.identityVerified,
        payment: { amount: Number(amount), currency: currency.trim().toUpperCase(), method: method as PaymentMethod },
      },
      { onSuccess: (response) => setPrinted(response.certificate) },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={
        <FormattedMessage id={printed ? 'certificate.printed.title' : 'certificate.print.title'} values={{ kind }} />
      }
      data-testid="print-dialog"
    >
      <div style={READABLE_DIMMED}>
        {printed ? (
          <Stack gap="md">
            <Alert color="green" role="status">
              <Text fw={700} mb="xs">
                {t(`certificate.printed.done.${next.kind}`)}
              </Text>
              <DataList size="sm" orientation="horizontal" labelWidth={180}>
                <DataList.Item>
                  <DataList.ItemLabel>
                    <FormattedMessage id="certificate.receiptNumber" />
                  </DataList.ItemLabel>
                  <DataList.ItemValue>
                    <Text span fw={700} data-testid="receipt-number">
                      {printed.receiptNumber ?? '—'}
                    </Text>
                  </DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>
                    <FormattedMessage id="certificate.number" />
                  </DataList.ItemLabel>
                  <DataList.ItemValue>
                    <Text span fw={700} data-testid="certificate-number">
                      {printed.id}
                    </Text>
                  </DataList.ItemValue>
                </DataList.Item>
              </DataList>
              <Anchor href={printed.verifyUrl} target="_blank" rel="noopener" size="sm" data-testid="verify-link">
                <FormattedMessage id="certificate.verifyPage" />
              </Anchor>
            </Alert>
            <PdfPreview pdfUrl={printed.pdfUrl} title={t('certificate.pdf.title', { kind, id: printed.id })} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                <FormattedMessage id="certificate.close" />
              </Button>
            </Group>
          </Stack>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
            noValidate
          >
            <Stack gap="md">
              <Stack gap={4} data-testid="certificate-preview">
                <Text fw={700}>{t('certificate.preview.title', { kind })}</Text>
                <Text size="sm">{t('certificate.preview.intro')}</Text>
                <PdfPreview
                  pdfUrl={`/api/events/${record.id}/certificates/preview.pdf`}
                  title={t('certificate.preview.title', { kind })}
                />
              </Stack>
              <Text size="sm">
                <FormattedMessage
                  id="certificate.print.summary"
                  values={{ kind, timeliness: t(`certificate.timeliness.${next.timeliness}`), fee }}
                />
              </Text>
              <CollectorFields
                people={people}
                value={collector}
                onChange={(c) => {
                  setCollector(c);
                  if (print.isError) print.reset();
                }}
                errors={errors}
                allowInAdvance
              />
              <Divider />
              <Fieldset
                legend={t('certificate.payment')}
                variant="unstyled"
                styles={{ legend: { fontWeight: 700, marginBottom: 4 } }}
              >
                <Text size="sm" mb="xs" data-testid="fee">
                  <FormattedMessage id="certificate.fee" values={{ fee }} />
                </Text>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <NumberInput
                    label={t('certificate.amount')}
                    value={amount}
                    onChange={setAmount}
                    min={0}
                    decimalScale={2}
                    error={errors.amount}
                    required
                    data-testid="payment-amount"
                  />
                  <TextInput
                    label={t('certificate.currency')}
                    value={currency}
                    onChange={(e) => setCurrency(e.currentTarget.value)}
                    error={errors.currency}
                    maxLength={3}
                    required
                  />
                  <NativeSelect
                    label={t('certificate.method')}
                    value={method}
                    onChange={(e) => setMethod(e.currentTarget.value as PaymentMethod)}
                    data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`certificate.method.${m}`) }))}
                    error={errors.method}
                    required
                  />
                </SimpleGrid>
              </Fieldset>
              {general ? <ProblemAlert error={general} title={t('certificate.print.failed')} /> : null}
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>
                  <FormattedMessage id="common.cancel" />
                </Button>
                <Button type="submit" color="blue.8" loading={print.isPending} disabled={!collector.type}>
                  <FormattedMessage id={`certificate.print.button.${next.kind}`} />
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </div>
    </Modal>
  );
}
