import {
  Checkbox,
  DataList,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import {
  ID_TYPES,
  idMatches,
  type CollectorForm,
  type CollectorType,
  type DialogField,
  type IdType,
  type RecordPerson,
} from './collector.ts';

interface Props {
  people: RecordPerson[];
  value: CollectorForm;
  onChange(next: CollectorForm): void;
  errors: Partial<Record<DialogField, string>>;
  /** Offer "print now, hand over later" (printing only). */
  allowInAdvance: boolean;
  /** Message ids of the question and of the identity confirmation (default: a certificate's collector). */
  questionId?: string;
  confirmId?: string;
}

/**
 * Who collects the certificate, and the identity check to do: for a person on the record, their name and ID as
 * declared, to compare with the document they show; for anyone else, who they are. Then the clerk confirms.
 */
export function CollectorFields(props: Props) {
  const { people, value, onChange, errors, allowInAdvance } = props;
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const person = people.find((p) => p.type === value.type);
  const set = (patch: Partial<CollectorForm>) => onChange({ ...value, ...patch });
  const choose = (type: CollectorType) => {
    const chosen = people.find((p) => p.type === type);
    onChange({
      ...value,
      type,
      // The document the person is expected to show: the one declared for them.
      idType: chosen ? (chosen.declaredIdType ?? chosen.ids[0]?.idType ?? '') : type === 'OTHER' ? value.idType : '',
      idNumber: '',
      identityVerified: false,
    });
  };
  const idTypeOptions = [
    { value: '', label: t('certificate.idType.choose') },
    ...ID_TYPES.map((id) => ({ value: id, label: t(`certificate.idType.${id}`) })),
  ];
  const match = person ? idMatches(person, value.idType, value.idNumber) : null;

  return (
    <Stack gap="md">
      <Radio.Group
        label={t(props.questionId ?? 'certificate.collector')}
        value={value.type}
        onChange={(type) => choose(type as CollectorType)}
        error={errors.type}
        required
      >
        <Stack gap="xs" mt="xs">
          {people.map((p) => (
            <Radio
              key={p.type}
              value={p.type}
              label={t(
                p.alsoInformant ? `certificate.collector.${p.type}.informant` : `certificate.collector.${p.type}`,
                {
                  name: p.name,
                },
              )}
            />
          ))}
          <Radio value="OTHER" label={t('certificate.collector.OTHER')} />
          {allowInAdvance && (
            <Radio
              value="PRINT_IN_ADVANCE"
              label={t('certificate.collector.PRINT_IN_ADVANCE')}
              description={t('certificate.collector.PRINT_IN_ADVANCE.help')}
            />
          )}
        </Stack>
      </Radio.Group>

      {person && (
        <Paper withBorder p="sm" bg="gray.0" data-testid="identity-check">
          <Title order={3} size="h5" mb="xs">
            <FormattedMessage id="certificate.identity.title" values={{ name: person.name }} />
          </Title>
          <DataList size="sm" orientation="horizontal" labelWidth={180}>
            <DataList.Item>
              <DataList.ItemLabel>
                <FormattedMessage id="certificate.identity.name" />
              </DataList.ItemLabel>
              <DataList.ItemValue>
                <Text span fw={700} size="sm">
                  {person.name}
                </Text>
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>
                <FormattedMessage id="certificate.identity.id" />
              </DataList.ItemLabel>
              <DataList.ItemValue>
                {person.ids.length ? (
                  person.ids.map((id) => (
                    <Text key={id.idType} span fw={700} size="sm" display="block" data-testid="record-id">
                      {t('certificate.identity.idValue', {
                        type: t(`certificate.idType.${id.idType}`),
                        number: id.number,
                      })}
                    </Text>
                  ))
                ) : (
                  <Text span size="sm">
                    <FormattedMessage id="certificate.identity.noId" />
                  </Text>
                )}
              </DataList.ItemValue>
            </DataList.Item>
          </DataList>
          <Text size="sm" mt="xs">
            <FormattedMessage id={person.ids.length ? 'certificate.identity.compare' : 'certificate.identity.note'} />
          </Text>
        </Paper>
      )}

      {value.type === 'OTHER' && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('certificate.other.name')}
            value={value.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={errors.name}
            required
            maxLength={200}
          />
          <TextInput
            label={t('certificate.other.relationship')}
            description={t('certificate.other.relationshipHelp')}
            value={value.relationship}
            onChange={(e) => set({ relationship: e.currentTarget.value })}
            error={errors.relationship}
            required
            maxLength={100}
          />
        </SimpleGrid>
      )}

      {(person || value.type === 'OTHER') && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('certificate.idType')}
            value={value.idType}
            onChange={(e) => set({ idType: e.currentTarget.value as IdType | '' })}
            data={idTypeOptions}
            error={errors.idType}
            required={value.type === 'OTHER' || !person?.ids.length}
          />
          <TextInput
            label={t('certificate.idNumber')}
            description={person?.ids.length ? t('certificate.idNumberHelp') : undefined}
            value={value.idNumber}
            onChange={(e) => set({ idNumber: e.currentTarget.value })}
            error={
              errors.idNumber ??
              (match === false ? t('certificate.identity.mismatch', { name: person?.name ?? '' }) : undefined)
            }
            required
            maxLength={50}
            autoComplete="off"
            inputWrapperOrder={['label', 'description', 'input', 'error']}
          />
          {match === true && (
            <Text size="sm" c="teal.9" fw={600} role="status" data-testid="id-matches">
              <FormattedMessage id="certificate.identity.matches" />
            </Text>
          )}
        </SimpleGrid>
      )}

      {value.type && value.type !== 'PRINT_IN_ADVANCE' && (
        <Checkbox
          label={t(props.confirmId ?? 'certificate.identity.confirm')}
          checked={value.identityVerified}
          onChange={(e) => set({ identityVerified: e.currentTarget.checked })}
          error={errors.identityVerified}
          data-testid="identity-verified"
        />
      )}
    </Stack>
  );
}
