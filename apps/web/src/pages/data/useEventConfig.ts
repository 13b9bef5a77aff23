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
  return (roleId) => {
    const role = data?.roles.find((r) => r.id === roleId);
    return role ? text(role.label) : (roleId ?? '');
  };
}
