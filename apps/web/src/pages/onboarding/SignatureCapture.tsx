import { Button, FileButton, Group, Image, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { send } from '../../forms/files.ts';
import { SignaturePad, type SignaturePadHandle } from '../../forms/SignaturePad.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';

/**
 * The electronic signature printed on the certificates of records this registrar registers: drawn on the screen
 * or uploaded as a PNG (a scan of a signature on paper).
 */
export function SignatureCapture({ onSaved }: { onSaved(): void }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const pad = useRef<SignaturePadHandle>(null);
  const [inked, setInked] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const save = useMutation({
    mutationFn: async (png: Blob) => {
      await send('/api/users/me/signature', { method: 'PUT', body: png, headers: { 'content-type': 'image/png' } });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      onSaved();
    },
  });
  const submit = async () => {
    const png = file ?? (await pad.current?.toPng());
    if (png) save.mutate(png);
  };

  return (
    <Stack>
      <Text>
        <FormattedMessage id="signature.explain" />
      </Text>
      {file ? (
        <Image src={URL.createObjectURL(file)} alt={intl.formatMessage({ id: 'signature.uploaded' })} maw={360} />
      ) : (
        <SignaturePad ref={pad} onInk={setInked} label={intl.formatMessage({ id: 'signature.pad' })} />
      )}
      <Group>
        {!file && (
          <Button variant="default" size="xs" onClick={() => pad.current?.clear()} disabled={!inked}>
            <FormattedMessage id="signature.clear" />
          </Button>
        )}
        <FileButton onChange={setFile} accept="image/png">
          {(props) => (
            <Button variant="default" size="xs" {...props}>
              <FormattedMessage id="signature.upload" />
            </Button>
          )}
        </FileButton>
        {file && (
          <Button variant="subtle" size="xs" onClick={() => setFile(null)}>
            <FormattedMessage id="signature.draw" />
          </Button>
        )}
      </Group>
      <ProblemAlert error={save.error} />
      <Group justify="flex-end">
        <Button
          color="blue.8"
          onClick={() => void submit()}
          disabled={!inked && !file}
          loading={save.isPending}
          data-testid="save-signature"
        >
          <FormattedMessage id="signature.save" />
        </Button>
      </Group>
    </Stack>
  );
}
