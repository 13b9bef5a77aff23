import { NetworkError, refreshSession } from '../../api/client.ts';
import { getSession } from '../../api/session.ts';

/** Read an uploaded document with the user's token (a plain link cannot carry it) as a local object URL. */
export async function fetchFileUrl(path: string, retried = false): Promise<string> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { authorization: `Bearer ${getSession()?.accessToken ?? ''}` } });
  } catch {
    throw new NetworkError('no connection to the server');
  }
  if (res.status === 401 && !retried && (await refreshSession())) return fetchFileUrl(path, true);
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  return URL.createObjectURL(await res.blob());
}
