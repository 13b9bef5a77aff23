import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { ApiError, NetworkError } from '../../api/client.ts';

/** Why the password step failed, said plainly. */
export function passwordError(error: unknown): ReactNode {
  if (error instanceof NetworkError) return <FormattedMessage id="error.offline" />;
  if (!(error instanceof ApiError)) return String((error as Error)?.message ?? error);
  switch (error.status) {
    case 400:
    case 401:
      return <FormattedMessage id="login.error.wrongPassword" />;
    case 429:
      return <FormattedMessage id="login.error.tooMany" />;
    default:
      return error.problem.detail ?? error.problem.title;
  }
}

/** Why the code step failed, and whether the user must start again with the password. */
export function codeError(error: unknown): { message: ReactNode; restart: boolean } {
  if (error instanceof NetworkError) return { message: <FormattedMessage id="error.offline" />, restart: false };
  if (!(error instanceof ApiError)) return { message: String((error as Error)?.message ?? error), restart: false };
  const detail = error.problem.detail ?? '';
  if (error.status === 429) return { message: <FormattedMessage id="login.error.tooMany" />, restart: false };
  if (error.status === 400) return { message: <FormattedMessage id="login.error.codeFormat" />, restart: false };
  if (/expired/i.test(detail)) return { message: <FormattedMessage id="login.error.codeExpired" />, restart: true };
  const left = /(\d+) tr(?:y|ies) left/.exec(detail);
  if (left) {
    return {
      message: <FormattedMessage id="login.error.wrongCode" values={{ left: Number(left[1]) }} />,
      restart: false,
    };
  }
  if (/too many|used|unknown|over/i.test(detail)) {
    return { message: <FormattedMessage id="login.error.loginOver" />, restart: true };
  }
  return { message: detail || error.problem.title, restart: false };
}
