import { Anchor, Button, Group, Loader, Stack } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { fetchFileUrl } from '../fetchFile.ts';

/**
 * A certificate's PDF, read with the user's token (a plain link cannot carry it) into a local URL: shown in a
 * frame with a Print button, and openable in a new tab or downloadable.
 */
export function PdfPreview({ pdfUrl, title }: { pdfUrl: string; title: string }) {
  const intl = useIntl();
  const frame = useRef<HTMLIFrameElement>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let created: string | null = null;
    let cancelled = false;
    setUrl(null);
    setError(null);
    fetchFileUrl(pdfUrl).then(
      (u) => {
        created = u;
        if (cancelled) URL.revokeObjectURL(u);
        else setUrl(u);
      },
      (e: unknown) => !cancelled && setError(e),
    );
    return () => {
      cancelled = true;
      if (created) URL.revokeObjectURL(created);
    };
  }, [pdfUrl]);

  if (error) return <ProblemAlert error={error} />;
  if (!url) return <Loader size="sm" aria-label={intl.formatMessage({ id: 'certificate.pdf.loading' })} />;
  return (
    <Stack gap="xs" data-testid="certificate-pdf" data-pdf-ready="true">
      <Group gap="sm">
        <Button color="blue.8" onClick={() => frame.current?.contentWindow?.print()} data-testid="print-pdf">
          <FormattedMessage id="certificate.pdf.print" />
        </Button>
        <Anchor href={url} target="_blank" rel="noopener">
          <FormattedMessage id="certificate.pdf.open" />
        </Anchor>
        <Anchor href={url} download={`${title}.pdf`}>
          <FormattedMessage id="certificate.pdf.download" />
        </Anchor>
      </Group>
      <iframe
        ref={frame}
        src={url}
        title={title}
        style={{ width: '100%', height: 520, border: '1px solid var(--mantine-color-gray-4)' }}
      />
    </Stack>
  );
}
