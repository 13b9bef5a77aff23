import type { FileValue } from '@lifeline/domain';
import { Button, FileButton, Group, Input, NativeSelect, Paper, Stack, Text } from '@mantine/core';
import { memo, useState } from 'react';
import { useIntl } from 'react-intl';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { wrapperProps, type FieldOf, type FieldProps } from '../FormContext.ts';
import { FileLink } from './FileLink.tsx';
import { useUpload } from './useUpload.ts';

type Document = FileValue & { option: string };

function ChooseFile(props: {
  fieldId: string;
  accept: string[];
  disabled?: boolean;
  loading: boolean;
  onFile(file: File): void;
}) {
  const intl = useIntl();
  const images = props.accept.filter((type) => type.startsWith('image/'));
  return (
    <Group gap="xs">
      {/* On a phone this opens the camera: a document is photographed straight into the declaration. */}
      {images.length > 0 && (
        <FileButton
          onChange={(file) => file && props.onFile(file)}
          accept={images.join(',')}
          capture="environment"
          disabled={props.disabled}
          inputProps={
            { name: `${props.fieldId}.photo`, 'data-field': `${props.fieldId}.photo` } as Record<string, string>
          }
        >
          {(buttonProps) => (
            <Button {...buttonProps} variant="filled" color="blue.8" loading={props.loading} disabled={props.disabled}>
              {intl.formatMessage({ id: 'forms.file.photograph' })}
            </Button>
          )}
        </FileButton>
      )}
      <FileButton
        onChange={(file) => file && props.onFile(file)}
        accept={props.accept.join(',')}
        disabled={props.disabled}
        inputProps={{ name: props.fieldId, 'data-field': props.fieldId } as Record<string, string>}
      >
        {(buttonProps) => (
          <Button {...buttonProps} variant="default" loading={props.loading} disabled={props.disabled}>
            {intl.formatMessage({ id: 'forms.file.choose' })}
          </Button>
        )}
      </FileButton>
    </Group>
  );
}

function Attached(props: { file: FileValue; caption?: string; onRemove(): void }) {
  const intl = useIntl();
  return (
    <Paper withBorder p="xs" radius="sm">
      <Group justify="space-between" wrap="nowrap">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          {props.caption && <Text size="sm">{props.caption}:</Text>}
          <FileLink file={props.file} />
        </Group>
        <Button
          size="compact-sm"
          variant="subtle"
          color="red"
          onClick={props.onRemove}
          aria-label={intl.formatMessage({ id: 'forms.file.removeNamed' }, { name: props.file.originalFilename })}
        >
          {intl.formatMessage({ id: 'forms.file.remove' })}
        </Button>
      </Group>
    </Paper>
  );
}

/** FILE: one document (JPG, PNG or PDF), photographed or chosen, kept on the device until the declaration is sent. */
export const FileField = memo(function FileField({
  field,
  value,
  error,
  onChange,
  onBlur,
}: FieldProps<FieldOf<'FILE'>>) {
  const { text } = useLanguage();
  const { upload, uploading, problem } = useUpload(field.accept, field.maxSizeBytes);
  const file = value as FileValue | undefined;
  return (
    <div {...wrapperProps(field)}>
      <Input.Wrapper
        label={text(field.label)}
        labelElement="div"
        description={field.helpText ? text(field.helpText) : undefined}
        error={problem ?? error}
        withAsterisk={!!field.required}
      >
        <Stack gap="xs" mt={4}>
          {file ? (
            <Attached file={file} onRemove={() => onChange(field.id, undefined)} />
          ) : (
            <Group>
              <ChooseFile
                fieldId={field.id}
                accept={field.accept}
                loading={uploading}
                onFile={async (chosen) => {
                  const uploaded = await upload(chosen, chosen.name);
                  if (uploaded) onChange(field.id, uploaded);
                  onBlur(field.id);
                }}
              />
            </Group>
          )}
        </Stack>
      </Input.Wrapper>
    </div>
  );
});

/** FILE_WITH_OPTIONS: documents of chosen types (ID card, passport...), kept on the device until sent. */
export const FileWithOptionsField = memo(function FileWithOptionsField(
  props: FieldProps<FieldOf<'FILE_WITH_OPTIONS'>>,
) {
  const { field, value, error, onChange, onBlur } = props;
  const { text } = useLanguage();
  const intl = useIntl();
  const { upload, uploading, problem } = useUpload(field.accept, field.maxSizeBytes);
  const [option, setOption] = useState('');
  const documents = Array.isArray(value) ? (value as Document[]) : [];
  const labelOf = (v: string) => text(field.options.find((o) => o.value === v)?.label) || v;
  const remove = (doc: Document) =>
    onChange(field.id, (latest: unknown) => {
      const next = ((latest ?? []) as Document[]).filter((d) => d !== doc);
      return next.length ? next : undefined;
    });
  return (
    <div {...wrapperProps(field)}>
      <Input.Wrapper
        label={text(field.label)}
        labelElement="div"
        description={field.helpText ? text(field.helpText) : undefined}
        error={problem ?? error}
        withAsterisk={!!field.required}
      >
        <Stack gap="xs" mt={4}>
          {documents.map((doc) => (
            <Attached
              key={doc.path + doc.option}
              file={doc}
              caption={labelOf(doc.option)}
              onRemove={() => remove(doc)}
            />
          ))}
          <Group align="flex-end">
            <NativeSelect
              label={intl.formatMessage({ id: 'forms.file.documentType' })}
              name={`${field.id}.option`}
              value={option}
              data={[
                { value: '', label: intl.formatMessage({ id: 'forms.select.placeholder' }) },
                ...field.options.map((o) => ({ value: o.value, label: text(o.label) })),
              ]}
              onChange={(e) => setOption(e.currentTarget.value)}
            />
            <ChooseFile
              fieldId={field.id}
              accept={field.accept}
              disabled={!option}
              loading={uploading}
              onFile={async (chosen) => {
                const uploaded = await upload(chosen, chosen.name);
                if (uploaded) {
                  onChange(field.id, (latest: unknown) => [...((latest ?? []) as Document[]), { ...uploaded, option }]);
                  setOption('');
                }
                onBlur(field.id);
              }}
            />
          </Group>
        </Stack>
      </Input.Wrapper>
    </div>
  );
});
