import { useIntl } from 'react-intl';
import type { EventConfig } from '@lifeline/domain';
import { useAppConfig } from '../../api/config.ts';
import { useLanguage } from '../../i18n/LanguageProvider.tsx';

/** The config of an event type, and its label in the current language ("Birth", "Naissance"). */
export function useEventConfig(type: string | undefined): { config: EventConfig | undefined; label: string } {
  const { data } = useAppConfig();
  const { text } = useLanguage();
  const config = data?.events.find((e) => e.id === type);
  return { config, label: config ? text(config.label) : (type ?? '') };
}

/** A role's label in the current language. */
export function useRoleLabel(): (roleId: string | null | undefined) => string {
  const { data } = useAppConfig();
  const { text } = useLanguage();
  const intl = useIntl();
  return (roleId) => {
    const role = data?.roles.find((r) => r.id === roleId);
    if (role) return text(role.label);
    // An integration client acts as `client:<TYPE>` (e.g. a hospital system notifying a birth).
    const client = /^client:([A-Z_]+)$/.exec(roleId ?? '');
    if (client) return intl.formatMessage({ id: `integrations.type.${client[1]}`, defaultMessage: client[1] });
    return roleId ?? '';
  };
}
