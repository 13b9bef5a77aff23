import type { FileValue } from '@lifeline/domain';
import { Button, Group, Input, Stack } from '@mantine/core';
import { memo, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';
import { wrapperProps, type FieldOf, type FieldProps } from '../FormContext.ts';
import { SignaturePad, type SignaturePadHandle } from '../SignaturePad.tsx';
import { SignatureImage } from './FileLink.tsx';
import { useUpload } from './useUpload.ts';

/** SIGNATURE: signed on the screen, saved as a PNG through the files API. */
export const SignatureField = memo(function SignatureField({
  field,
  value,
  error,
  onChange,
  onBlur,
}: FieldProps<FieldOf<'SIGNATURE'>>) {
  const { text } = useLanguage();
  const intl = useIntl();
  const pad = useRef<SignaturePadHandle>(null);
  const [hasInk, setHasInk] = useState(false);
  const { upload, uploading, problem } = useUpload(['image/png'], 1024 * 1024);
  const signature = value as FileValue | undefined;

  const save = async () => {
    const png = await pad.current?.toPng();
    if (!png) return;
    const uploaded = await upload(png, 'signature.png');
    if (uploaded) onChange(field.id, uploaded);
    onBlur(field.id);
  };

  return (
    <div {...wrapperProps(field)}>
      <Input.Wrapper
        label={text(field.label)}
        labelElement="div"
        description={field.helpText ? text(field.helpText) : intl.formatMessage({ id: 'forms.signature.instructions' })}
        error={problem ?? error}
        withAsterisk={!!field.required}
      >
        <Stack gap="xs" mt={4} data-field={field.id}>
          {signature ? (
            <>
              <SignatureImage file={signature} />
              <Group>
                <Button variant="default" size="xs" onClick={() => onChange(field.id, undefined)}>
                  {intl.formatMessage({ id: 'forms.signature.redo' })}
                </Button>
              </Group>
            </>
          ) : (
            <>
              <SignaturePad ref={pad} onInk={setHasInk} label={text(field.label)} />
              <Group>
                <Button size="xs" onClick={save} disabled={!hasInk} loading={uploading}>
                  {intl.formatMessage({ id: 'forms.signature.save' })}
                </Button>
                <Button size="xs" variant="default" onClick={() => pad.current?.clear()} disabled={!hasInk}>
                  {intl.formatMessage({ id: 'forms.signature.clear' })}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      </Input.Wrapper>
    </div>
  );
});
