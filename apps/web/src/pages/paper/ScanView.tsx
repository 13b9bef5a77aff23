import { Image, Loader } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { fileObjectUrl } from '../../forms/files.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';

/** The scan of a page, fetched with the access token (every read is logged by the server). */
export function ScanView({ path, contentType }: { path: string; contentType: string }) {
  const intl = useIntl();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    fileObjectUrl(path).then(setUrl, setError);
  }, [path]);
  if (error) return <ProblemAlert error={error} />;
  if (!url) return <Loader />;
  const label = intl.formatMessage({ id: 'paper.scan' });
  return contentType === 'application/pdf' ? (
    <iframe src={url} title={label} style={{ width: '100%', height: '80vh', border: 0 }} data-testid="paper-scan" />
  ) : (
    <Image src={url} alt={label} data-testid="paper-scan" />
  );
}
