import * as tus from 'tus-js-client';
import { ApiError, NetworkError } from '../api/client.ts';
import type { LocalFile } from './localFiles.ts';

/** 256 KB: at 2G speeds (50 kbps) a chunk still arrives within a minute; a cut loses at most one chunk. */
export const CHUNK_BYTES = 256 * 1024;

export interface UploadTarget {
  /** The tus endpoint, e.g. `/api/files/uploads` (absolute in Node). */
  endpoint: string;
  /** The current access token (renewed as needed); called before every request. */
  token(): Promise<string | undefined>;
  /** Retries inside one attempt, in ms; the outbox backs off between attempts. */
  retryDelays?: number[];
}

/**
 * Upload a kept file with the tus protocol, resuming the server's copy when a previous attempt got part of it
 * there (`file.uploadUrl`, stored as soon as the server names it). Resolves with the stored file's path.
 */
export function uploadResumable(
  file: LocalFile,
  target: UploadTarget,
  onUploadUrl: (url: string) => Promise<void>,
): Promise<string> {
  // A Blob in the browser; in Node (the chaos benchmark's clients) tus-js-client reads a Buffer.
  const NodeBuffer = (globalThis as { Buffer?: { from(data: ArrayBuffer): unknown } }).Buffer;
  const source: unknown = NodeBuffer ? NodeBuffer.from(file.data) : new Blob([file.data], { type: file.type });
  return new Promise<string>((resolve, reject) => {
    const upload: tus.Upload = new tus.Upload(source as Blob, {
      endpoint: target.endpoint,
      uploadUrl: file.uploadUrl ?? null,
      chunkSize: CHUNK_BYTES,
      retryDelays: target.retryDelays ?? [0, 1000, 3000],
      uploadSize: file.size,
      metadata: { filename: file.name, filetype: file.type },
      storeFingerprintForResuming: false,
      onBeforeRequest: async (req) => {
        const token = await target.token();
        if (token) req.setHeader('authorization', `Bearer ${token}`);
      },
      onUploadUrlAvailable: () => {
        if (upload.url) void onUploadUrl(upload.url);
      },
      onSuccess: ({ lastResponse }) => {
        const path = lastResponse.getHeader('x-file-path');
        if (path) resolve(path);
        else reject(new NetworkError('the server did not say where the file is stored'));
      },
      onError: (error) => reject(toApiError(error)),
    });
    upload.start();
  });
}

/** tus-js-client's errors as the outbox knows them: the server's refusal, or no connection. */
function toApiError(error: Error): Error {
  const response = (error as tus.DetailedError).originalResponse;
  const status = response?.getStatus();
  // 409: the server's copy is further on than this try thought (a chunk arrived twice): the next try asks where.
  const again = !response || !status || status >= 500 || status === 409 || status === 423 || status === 429;
  if (again) return new NetworkError(error.message);
  let problem = { title: 'Upload refused', status, detail: error.message };
  try {
    problem = { ...problem, ...(JSON.parse(response.getBody()) as object) };
  } catch {
    // Not problem+json: keep the status.
  }
  return new ApiError(problem);
}
