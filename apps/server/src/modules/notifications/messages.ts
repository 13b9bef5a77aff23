import { fillTemplate, textIn, type NotificationTemplates, type TemplateId } from '@lifeline/domain';
import type { Country } from '../../country.ts';
import type { DeliveryChannel } from './transport.ts';

/** The country's notification templates; a server that sends messages cannot run without them. */
export function templatesOf(country: Country): NotificationTemplates {
  const templates = country.config.notifications;
  if (!templates) throw new Error('the country package has no notification templates (section "notifications")');
  return templates;
}

/** The language of a user's messages: theirs when the country speaks it, else the country's default. */
export function languageOf(country: Country, language: string | null): string {
  const { languages, defaultLanguage } = country.config.settings;
  return language && languages.includes(language) ? language : defaultLanguage;
}

/** Subject and text of a message in one language, for one channel (SMS use the short text). */
export function renderMessage(
  country: Country,
  template: TemplateId,
  language: string,
  channel: DeliveryChannel,
  values: Record<string, string>,
): { subject: string; text: string } {
  const t = templatesOf(country)[template];
  const all = { country: country.config.settings.countryName, ...values };
  return {
    subject: fillTemplate(textIn(t.subject, language), all),
    text: fillTemplate(textIn(channel === 'sms' ? t.sms : t.email, language), all),
  };
}
