import type { FileValue } from '@lifeline/domain';
import { Anchor, Image, Loader, Modal, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { fileObjectUrl } from '../files.ts';

/** The stored file's bytes as an object URL (fetched with the access token, once). */
export function useFileUrl(path: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['file', path],
    queryFn: () => fileObjectUrl(path!),
    enabled: !!path && enabled,
    staleTime: Infinity,
    gcTime: Infinity,
    retry: 1,
  });
}

/** The document in a dialog: images as pictures, PDFs in the browser's viewer. */
export function FilePreview({ file, opened, onClose }: { file: FileValue; opened: boolean; onClose(): void }) {
  const url = useFileUrl(file.path, opened);
  return (
    <Modal opened={opened} onClose={onClose} title={file.originalFilename} size="xl">
      {url.isLoading && <Loader />}
      {url.isError && (
        <Text c="red">
          <FormattedMessage id="forms.file.viewFailed" />
        </Text>
      )}
      {url.data && (
        <Stack>
          {file.type === 'application/pdf' ? (
            <iframe src={url.data} title={file.originalFilename} style={{ width: '100%', height: '70vh', border: 0 }} />
          ) : (
            <Image src={url.data} alt={file.originalFilename} fit="contain" mah="70vh" />
          )}
          <Anchor href={url.data} target="_blank" rel="noopener" download={file.originalFilename}>
            <FormattedMessage id="forms.file.openNewTab" />
          </Anchor>
        </Stack>
      )}
    </Modal>
  );
}

/** The file's name, opening a preview when clicked. */
export function FileLink({ file }: { file: FileValue }) {
  const intl = useIntl();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Anchor
        component="button"
        type="button"
        size="sm"
        onClick={() => setOpen(true)}
        aria-label={intl.formatMessage({ id: 'forms.file.viewNamed' }, { name: file.originalFilename })}
      >
        {file.originalFilename}
      </Anchor>
      {open && <FilePreview file={file} opened={open} onClose={() => setOpen(false)} />}
    </>
  );
}

export function SignatureImage({ file }: { file: FileValue }) {
  const intl = useIntl();
  const url = useFileUrl(file.path);
  if (!url.data) return url.isError ? <FileLink file={file} /> : <Loader size="xs" />;
  return (
    <Image
      src={url.data}
      alt={intl.formatMessage({ id: 'forms.signature.image' })}
      w={240}
      h={80}
      fit="contain"
      bg="white"
      style={{ border: '1px solid var(--mantine-color-gray-3)' }}
    />
  );
}
