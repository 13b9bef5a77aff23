import type { FileValue } from '@lifeline/domain';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { getSession } from '../../api/session.ts';
import { keepFile, localFiles } from '../../offline/localFiles.ts';
import { shrinkImage, uploadName } from '../files.ts';

/**
 * Check, shrink (photos) and keep a chosen file on the device (IndexedDB); it is uploaded with the declaration,
 * resumably, so choosing or photographing a document works the same with or without a connection. Reports
 * problems in the user's language.
 */
export function useUpload(accept: readonly string[], maxSizeBytes: number) {
  const intl = useIntl();
  const [uploading, setUploading] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();

  async function upload(file: File | Blob, name: string): Promise<FileValue | undefined> {
    setProblem(undefined);
    if (!accept.includes(file.type)) {
      setProblem(intl.formatMessage({ id: 'forms.file.wrongType' }));
      return undefined;
    }
    setUploading(true);
    try {
      const blob = file instanceof File ? await shrinkImage(file) : file;
      if (blob.size > maxSizeBytes) {
        setProblem(intl.formatMessage({ id: 'forms.file.tooBig' }, { max: Math.round(maxSizeBytes / 1024 / 1024) }));
        return undefined;
      }
      const filename = file instanceof File ? uploadName(file, blob) : name;
      return await keepFile(localFiles(), getSession()?.username ?? '', blob, filename, blob.type || file.type);
    } catch (error) {
      setProblem(intl.formatMessage({ id: 'forms.file.failed' }, { detail: (error as Error).message }));
      return undefined;
    } finally {
      setUploading(false);
    }
  }

  return { upload, uploading, problem, clearProblem: () => setProblem(undefined) };
}
