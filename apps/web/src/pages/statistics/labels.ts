import { formFields, NOT_STATED, type EventConfig } from '@lifeline/domain';
import { useIntl } from 'react-intl';
import { useAppConfig } from '../../api/config.ts';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';

/** Words for the keys the statistics API counts by, in the current language. */
export function useKeyLabels(eventType: string) {
  const intl = useIntl();
  const { text } = useLanguage();
  const config = useAppConfig().data;
  const event = config?.events.find((e) => e.id === eventType);
  const fields = config?.statistics?.[eventType];
  const option = (which: 'sex' | 'place', key: string) => {
    const field = event
      ? optionField(event, which === 'sex' ? fields?.sexField : fields?.placeOfOccurrenceField)
      : undefined;
    const found = field?.find((o) => o.value === key);
    return found ? text(found.label) : key;
  };
  return {
    sex: (key: string) =>
      key === NOT_STATED ? intl.formatMessage({ id: 'statistics.notStated' }) : option('sex', key),
    place: (key: string) =>
      key === NOT_STATED ? intl.formatMessage({ id: 'statistics.notStated' }) : option('place', key),
    timeliness: (key: string) => intl.formatMessage({ id: `statistics.timeliness.${key}` }),
    month: (key: string) =>
      intl.formatDate(`${key}-01T00:00:00Z`, { month: 'short', year: 'numeric', timeZone: 'UTC' }),
    percent: (value: number | null) =>
      value === null
        ? intl.formatMessage({ id: 'statistics.completeness.none' })
        : intl.formatNumber(value, { style: 'percent', maximumFractionDigits: 1 }),
    number: (value: number | null) => (value === null ? '–' : intl.formatNumber(value, { maximumFractionDigits: 1 })),
  };
}

/** The options of the field the statistics read for sex or place of occurrence (named by /api/config). */
function optionField(event: EventConfig, fieldId: string | undefined) {
  const field = formFields(event).find((f) => f.field.id === fieldId)?.field;
  return field && 'options' in field ? field.options : undefined;
}
