import type { FileValue } from '@lifeline/domain';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ApiError, NetworkError } from '../../api/client.ts';
import { shrinkImage, uploadFile, uploadName } from '../files.ts';

/** Check, shrink (photos) and upload a chosen file; reports problems in the user's language. */
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
      return await uploadFile(blob, file instanceof File ? uploadName(file, blob) : name);
    } catch (error) {
      if (error instanceof NetworkError) setProblem(intl.formatMessage({ id: 'forms.file.offline' }));
      else if (error instanceof ApiError) {
        setProblem(intl.formatMessage({ id: 'forms.file.failed' }, { detail: error.problem.detail ?? error.message }));
      } else setProblem(intl.formatMessage({ id: 'forms.file.failed' }, { detail: (error as Error).message }));
      return undefined;
    } finally {
      setUploading(false);
    }
  }

  return { upload, uploading, problem, clearProblem: () => setProblem(undefined) };
}
