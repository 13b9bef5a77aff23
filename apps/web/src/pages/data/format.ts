import { useIntl } from 'react-intl';
import { useAppConfig } from '../../api/config.ts';

/** Dates as staff read them: calendar dates as written, instants in the country's time zone. */
export function useFormatters() {
  const intl = useIntl();
  const timeZone = useAppConfig().data?.settings.timeZone;
  return {
    /** A calendar date (YYYY-MM-DD), e.g. the date of birth: no time zone shift. */
    date(value: string | null | undefined): string {
      if (!value) return '';
      return intl.formatDate(`${value.slice(0, 10)}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });
    },
    /** An instant (ISO timestamp): date and time where the registry is. */
    dateTime(value: string | null | undefined): string {
      if (!value) return '';
      return intl.formatDate(value, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    },
  };
}
