import { z } from 'zod';
import { Text } from './text.ts';

/** Pages of the web app that have a help panel; the country writes one markdown text per page and language. */
export const HELP_PAGES = [
  'workqueues',
  'declare',
  'record',
  'search',
  'team',
  'user',
  'audit',
  'welcome',
  'login',
] as const;
export const HelpPageId = z.enum(HELP_PAGES);
export type HelpPageId = z.infer<typeof HelpPageId>;

/** The registry's own support desk, shown in every help panel. */
export const SupportContact = z.object({
  name: Text,
  email: z.email().optional(),
  phone: z.string().min(3).max(40).optional(),
  hours: Text.optional(),
});
export type SupportContact = z.infer<typeof SupportContact>;

/** Help, "what's new" and support, written by the country in markdown (raw HTML is not rendered). */
export const HelpContent = z.object({
  support: SupportContact,
  pages: z.record(HelpPageId, Text),
  whatsNew: Text,
});
export type HelpContent = z.infer<typeof HelpContent>;
