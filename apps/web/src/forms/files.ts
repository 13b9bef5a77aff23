import { ApiError, NetworkError, refreshSession, type Problem } from '../api/client.ts';
import { getSession } from '../api/session.ts';
import { isLocalPath, localFiles, localId } from '../offline/localFiles.ts';

export interface UploadedFile {
  path: string;
  originalFilename?: string;
  type: string;
  size: number;
}

/** fetch with the access token (renewed when needed), problems thrown as ApiError: for raw bodies and files. */
export async function send(url: string, init: RequestInit, retried = false): Promise<Response> {
  const session = getSession();
  if (session && !retried && session.expiresAt - Date.now() < 30_000) await refreshSession();
  const token = getSession()?.accessToken;
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new NetworkError('no connection to the server');
  }
  if (res.status === 401 && token && !retried && (await refreshSession())) return send(url, init, true);
  if (!res.ok) {
    let problem: Problem = { title: res.statusText, status: res.status };
    try {
      problem = (await res.json()) as Problem;
    } catch {
      // Not problem+json (a proxy's page): keep the status.
    }
    throw new ApiError(problem);
  }
  return res;
}

const objectUrls = new Map<string, Promise<string>>();

/** A document kept on the device (not uploaded yet). */
async function localBlob(path: string): Promise<Blob> {
  const file = await localFiles().get(localId(path));
  if (!file) throw new Error('this document is no longer on this device');
  return new Blob([file.data], { type: file.type });
}

/**
 * A URL the page can show (img src, iframe, link) for a stored file. The API needs the access token, so the bytes
 * are fetched once and kept as an object URL for the session; the browser's HTTP cache keeps them across reloads.
 */
export function fileObjectUrl(path: string): Promise<string> {
  let url = objectUrls.get(path);
  if (!url) {
    url = (isLocalPath(path) ? localBlob(path) : send(path, { method: 'GET' }).then((res) => res.blob())).then((blob) =>
      URL.createObjectURL(blob),
    );
    url.catch(() => objectUrls.delete(path));
    objectUrls.set(path, url);
  }
  return url;
}

/** Photos from phone cameras are often 3-8 MB; above this size images are scaled down before upload. */
const SHRINK_ABOVE_BYTES = 1024 * 1024;
const MAX_IMAGE_SIDE = 2000;

/**
 * Make a photo of a document small enough to send over a slow connection: scale it to at most 2000 px and
 * re-encode as JPEG. PDFs and small images are sent as they are; if anything fails the original is used.
 */
export async function shrinkImage(file: File): Promise<Blob> {
  if (!file.type.startsWith('image/') || file.size <= SHRINK_ABOVE_BYTES || typeof createImageBitmap !== 'function') {
    return file;
  }
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    const context = canvas.getContext('2d');
    if (!context) return file;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  }
}

/** The name to send for a (possibly re-encoded) file: a JPEG made from a PNG gets a .jpg name. */
export function uploadName(file: File, blob: Blob): string {
  if (blob === file || blob.type === file.type) return file.name;
  return file.name.replace(/\.[^.]*$/, '') + '.jpg';
}
