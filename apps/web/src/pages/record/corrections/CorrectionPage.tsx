import {
  formFields,
  mergeDeclaration,
  todayIn,
  validateDeclaration,
  type EventConfig,
  type FieldConfig,
} from '@lifeline/domain';
import { Anchor, Button, Group, Loader, NativeSelect, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, NetworkError } from '../../../api/client.ts';
import { useAppConfig } from '../../../api/config.ts';
import type { EventDocument } from '../../../api/types.ts';
import { describeError, errorsByField } from '../../../forms/errors.ts';
import { Field } from '../../../forms/fields/Field.tsx';
import { useLanguage } from '../../../i18n/LanguageProvider.tsx';
import { isLocalPath } from '../../../offline/localFiles.ts';
import { uploadDocumentsNow } from '../../../offline/sender.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { usePermissions } from '../../data/permissions.ts';
import { useRecord } from '../../data/queries.ts';
import { useEventConfig } from '../../data/useEventConfig.ts';
import { emptyCollector, PAYMENT_METHODS, peopleOnRecord } from '../certificates/collector.ts';
import { CollectorFields } from '../certificates/CollectorFields.tsx';
import { QueuedOffline, useRecordAction } from '../useRecordAction.ts';
import { ChangesTable } from './ChangesTable.tsx';
import { correctionAnnotation, type Change, type CorrectionForm } from './correction.ts';

/** The documents travel with the corrected answers through the upload of files kept on this device. */
const DOCUMENTS_ID = 'correction.documents';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** `/records/:id/correct`: request (or, for a registrar, make) the correction of a registered record. */
export default function CorrectionPage() {
  const { id } = useParams();
  const record = useRecord(id);
  const { config } = useEventConfig(record.data?.type);
  const intl = useIntl();
  if (record.isLoading) return <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />;
  if (!record.data) return <ProblemAlert error={record.error} />;
  if (!config) return <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />;
  return <CorrectionEditor record={record.data} eventConfig={config} />;
}

function CorrectionEditor({ record, eventConfig }: { record: EventDocument; eventConfig: EventConfig }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { text, language } = useLanguage();
  const settings = useAppConfig().data?.settings;
  const permissions = usePermissions();
  const navigate = useNavigate();
  const mutation = useRecordAction(record);
  const fields = useMemo(() => formFields(eventConfig), [eventConfig]);
  const [editing, setEditing] = useState<string[]>([]);
  const [chosen, setChosen] = useState('');
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [form, setForm] = useState<CorrectionForm>({
    requester: emptyCollector,
    reasonType: '',
    reasonDetail: '',
    documents: [],
    paymentMethod: 'CASH',
  });
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);

  const today = settings ? todayIn(settings.timeZone) : '';
  const currency = settings?.currency.code ?? '';
  const fee = eventConfig.corrections?.fee ?? 0;
  const reasons = eventConfig.corrections?.reasons ?? [];
  const reason = reasons.find((r) => r.id === form.reasonType);
  const changes: Change[] = editing
    .map((id) => fields.find((f) => f.field.id === id)!.field)
    .filter((field) => !same(values[field.id], record.declaration[field.id]))
    .map((field) => ({ field, before: record.declaration[field.id], after: values[field.id] }));
  const declaration = Object.fromEntries(changes.map((c) => [c.field.id, c.after ?? null]));
  // The corrected record must pass the form's rules, as the server checks them.
  const formErrors = errorsByField(
    validateDeclaration(eventConfig, mergeDeclaration(record.declaration, declaration), {
      mode: 'complete',
      today,
      language,
      // A corrected document chosen on this device is uploaded when the request is sent.
      pendingFile: isLocalPath,
    }),
  );
  const fieldError = (id: string) => {
    const problem = serverErrors[id] ?? (editing.includes(id) ? formErrors[id] : undefined);
    return problem ? describeError(problem, t) : undefined;
  };
  const requesterErrors = Object.fromEntries(
    Object.entries(serverErrors)
      .filter(([field]) => field.startsWith('annotation.requester.'))
      .map(([field, message]) => [field.slice('annotation.requester.'.length), message]),
  );
  const ready =
    changes.length > 0 &&
    Object.keys(formErrors).every((id) => !editing.includes(id)) &&
    !!form.requester.type &&
    form.requester.identityVerified &&
    !!form.reasonType &&
    (!reason?.requiresDetail || !!form.reasonDetail.trim());
  const pending = record.flags.includes('correction-requested');
  const canApprove = !pending && permissions.can('APPROVE_CORRECTION', record);
  const canRequest = !pending && permissions.can('REQUEST_CORRECTION', record);

  const documentsField: FieldConfig = {
    id: DOCUMENTS_ID,
    type: 'FILE_WITH_OPTIONS',
    label: { [language]: t('correction.evidence') },
    options: [{ value: 'EVIDENCE', label: { [language]: t('correction.evidence.option') } }],
    accept: ['image/jpeg', 'image/png', 'application/pdf'],
    maxSizeBytes: 5 * 1024 * 1024,
  };

  async function submit(type: 'REQUEST_CORRECTION' | 'APPROVE_CORRECTION') {
    setFailure(null);
    setServerErrors({});
    try {
      // Documents chosen on this device are uploaded first; the request then names them by their server path.
      // Without network a request keeps them on the device (`local:` paths): the outbox uploads them, then sends it.
      const kept = { ...declaration, [DOCUMENTS_ID]: form.documents };
      const uploaded = await uploadDocumentsNow(kept).catch((error: unknown) => {
        if (error instanceof NetworkError && type === 'REQUEST_CORRECTION') return kept;
        throw error;
      });
      const { [DOCUMENTS_ID]: documents, ...corrected } = uploaded;
      const annotation = correctionAnnotation(
        { ...form, documents: (documents as CorrectionForm['documents']) ?? [] },
        fee,
        currency,
      );
      mutation.mutate(
        { type, declaration: corrected, annotation },
        {
          onSuccess: (updated) =>
            void navigate(`/records/${record.id}`, { state: { outcome: { ok: true, action: type, record: updated } } }),
          onError: (error) => {
            if (error instanceof QueuedOffline) {
              // Kept on the device: the record page says so, the outbox shows it until the server has it.
              void navigate(`/records/${record.id}`, { state: { outcome: { ok: 'queued', action: type } } });
              return;
            }
            setFailure(error);
            if (error instanceof ApiError) {
              setServerErrors(Object.fromEntries((error.problem.errors ?? []).map((e) => [e.field, e.message])));
            }
          },
        },
      );
    } catch (error) {
      setFailure(error);
    }
  }

  if (!canRequest && !canApprove) {
    return (
      <Text role="alert" data-testid="correction-unavailable">
        <FormattedMessage id="correction.unavailable" />
      </Text>
    );
  }

  return (
    <Stack gap="md" data-testid="correction-page">
      <Anchor component={Link} to={`/records/${record.id}`} size="sm">
        <FormattedMessage id="record.back" />
      </Anchor>
      <Title order={1} size="h2">
        <FormattedMessage id="correction.title" values={{ name: record.title || record.trackingId }} />
      </Title>
      <Text>
        <FormattedMessage id="correction.intro" />
      </Text>

      <Paper withBorder p="md" component="section" data-testid="correction-requester">
        <CollectorFields
          people={peopleOnRecord(record.declaration)}
          value={form.requester}
          onChange={(requester) => setForm({ ...form, requester })}
          errors={requesterErrors}
          allowInAdvance={false}
          questionId="correction.who"
          confirmId="correction.identity.confirm"
        />
      </Paper>

      <Paper withBorder p="md" component="section" data-testid="correction-what">
        <Title order={2} size="h3" mb="sm">
          <FormattedMessage id="correction.what" />
        </Title>
        <Group align="flex-end">
          <NativeSelect
            label={t('correction.chooseField')}
            value={chosen}
            onChange={(e) => setChosen(e.currentTarget.value)}
            data-testid="correction-field-choice"
            data={[
              { value: '', label: t('correction.chooseField.placeholder') },
              ...fields
                .filter(({ field }) => field.type !== 'DATA' && !editing.includes(field.id))
                .map(({ field, page }) => ({ value: field.id, label: `${text(page.title)} — ${text(field.label)}` })),
            ]}
          />
          <Button
            variant="default"
            disabled={!chosen}
            onClick={() => {
              setEditing([...editing, chosen]);
              setValues({ ...values, [chosen]: record.declaration[chosen] });
              setChosen('');
            }}
          >
            <FormattedMessage id="correction.addField" />
          </Button>
        </Group>
        <Stack gap="sm" mt="md">
          {editing.map((id) => {
            const field = fields.find((f) => f.field.id === id)!.field;
            return (
              <Field
                key={id}
                field={field}
                value={values[id]}
                values={mergeDeclaration(record.declaration, values)}
                error={fieldError(id)}
                onChange={(fieldId, update) =>
                  setValues((prev) => ({
                    ...prev,
                    [fieldId]:
                      typeof update === 'function' ? (update as (v: unknown) => unknown)(prev[fieldId]) : update,
                  }))
                }
                onBlur={() => undefined}
              />
            );
          })}
        </Stack>
        <ChangesTable
          changes={changes}
          onRemove={(id) => {
            setEditing(editing.filter((e) => e !== id));
            const { [id]: _removed, ...rest } = values;
            setValues(rest);
          }}
        />
      </Paper>

      <Paper withBorder p="md" component="section" data-testid="correction-why">
        <Title order={2} size="h3" mb="sm">
          <FormattedMessage id="correction.why" />
        </Title>
        <Stack gap="sm">
          <NativeSelect
            label={t('correction.reason')}
            required
            value={form.reasonType}
            error={serverErrors['annotation.reason.type']}
            onChange={(e) => setForm({ ...form, reasonType: e.currentTarget.value })}
            data-testid="correction-reason"
            data={[
              { value: '', label: t('correction.reason.placeholder') },
              ...reasons.map((r) => ({ value: r.id, label: text(r.label) })),
            ]}
          />
          <Textarea
            label={t('correction.reasonDetail')}
            required={!!reason?.requiresDetail}
            value={form.reasonDetail}
            maxLength={1000}
            autosize
            minRows={2}
            error={serverErrors['annotation.reason.detail']}
            onChange={(e) => setForm({ ...form, reasonDetail: e.currentTarget.value })}
            data-testid="correction-reason-detail"
          />
          <Field
            field={documentsField}
            value={form.documents}
            values={{}}
            onChange={(_, update) =>
              setForm((prev) => ({
                ...prev,
                documents: (typeof update === 'function' ? update(prev.documents) : update) ?? [],
              }))
            }
            onBlur={() => undefined}
          />
          {fee > 0 ? (
            <Group align="flex-end">
              <Text fw={600} data-testid="correction-fee">
                <FormattedMessage
                  id="correction.fee"
                  values={{ amount: intl.formatNumber(fee, { style: 'currency', currency }) }}
                />
              </Text>
              <NativeSelect
                label={t('correction.paymentMethod')}
                value={form.paymentMethod}
                onChange={(e) => setForm({ ...form, paymentMethod: e.currentTarget.value })}
                data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`certificate.method.${m}`) }))}
              />
            </Group>
          ) : (
            <Text size="sm">
              <FormattedMessage id="correction.fee.none" />
            </Text>
          )}
        </Stack>
      </Paper>

      {failure ? <ProblemAlert error={failure} /> : null}
      <Group justify="flex-end">
        <Button variant="default" component={Link} to={`/records/${record.id}`}>
          <FormattedMessage id="correction.cancel" />
        </Button>
        {canRequest && (
          <Button
            color={canApprove ? 'blue.8' : 'green.9'}
            variant={canApprove ? 'outline' : 'filled'}
            disabled={!ready}
            loading={mutation.isPending}
            onClick={() => void submit('REQUEST_CORRECTION')}
            data-testid="correction-request"
          >
            <FormattedMessage id="correction.submit.request" />
          </Button>
        )}
        {canApprove && (
          <Button
            color="green.9"
            disabled={!ready}
            loading={mutation.isPending}
            onClick={() => void submit('APPROVE_CORRECTION')}
            data-testid="correction-approve"
          >
            <FormattedMessage id="correction.submit.approve" />
          </Button>
        )}
      </Group>
    </Stack>
  );
}
