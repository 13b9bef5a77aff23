import { z } from 'zod';
import { parseScope, type ScopeName } from './scopes.ts';

/**
 * Integration clients (OAuth2 client credentials, RFC 6749 §4.4): other systems that call the registry. The four
 * kinds of the reference system, each with the scopes it gets unless its creator names others.
 */
export const CLIENT_TYPES = ['HEALTH_SYSTEM', 'RECORD_SEARCH', 'WEBHOOK', 'NATIONAL_ID'] as const;
export const ClientType = z.enum(CLIENT_TYPES);
export type ClientType = z.infer<typeof ClientType>;

/** What each type may do when created without `scopes`. */
export const DEFAULT_CLIENT_SCOPES: Record<ClientType, string[]> = {
  // Notifies births and deaths: records are created at the client's office (its jurisdiction).
  HEALTH_SYSTEM: [
    'record.notify[event=birth|death,jurisdiction=area]',
    'organisation.read-locations[jurisdiction=all]',
  ],
  // Searches and reads records anywhere.
  RECORD_SEARCH: ['record.search[jurisdiction=all]', 'record.read[jurisdiction=all]'],
  // Subscribes to events; payloads carry no personal data unless it is also given record.read.
  WEBHOOK: ['webhook.subscribe[jurisdiction=all]'],
  // Told of registrations, reads the births it numbers, and confirms (or rejects) those that wait for it.
  NATIONAL_ID: [
    'webhook.subscribe[jurisdiction=all]',
    'record.read[event=birth,jurisdiction=all]',
    'record.confirm-registration[event=birth,jurisdiction=all]',
  ],
};

/**
 * The scopes a client may be given: reading, searching, notifying and subscribing. Never the work of registrars
 * (validate, register, correct...) nor power over the system (users, config, integrations).
 */
export const CLIENT_SCOPE_NAMES: readonly ScopeName[] = [
  'record.notify',
  'record.search',
  'record.read',
  'organisation.read-locations',
  'performance.read',
  'performance.vital-statistics-export',
  'webhook.subscribe',
  'record.confirm-registration',
];

/** Why this scope string cannot be given to a client, or null when it can. */
export function clientScopeProblem(text: string): string | null {
  let name: ScopeName;
  try {
    name = parseScope(text).name;
  } catch (error) {
    return (error as Error).message;
  }
  return CLIENT_SCOPE_NAMES.includes(name)
    ? null
    : `"${name}" cannot be given to an integration client (only ${CLIENT_SCOPE_NAMES.join(', ')})`;
}

export const CreateClientBody = z.strictObject({
  name: z.string().trim().min(1).max(100).describe('who the client is, e.g. "Central Hospital HMIS"'),
  type: ClientType,
  scopes: z
    .array(z.string().min(1).max(200))
    .min(1)
    .max(20)
    .optional()
    .describe('scope strings as in roles, e.g. record.read[event=birth,jurisdiction=all]; default: per type'),
  officeId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('the CRVS office or health facility whose jurisdiction the client works in (required for HEALTH_SYSTEM)'),
  fields: z
    .array(z.string().min(1).max(100))
    .max(500)
    .nullable()
    .optional()
    .describe('declaration field ids the client may see, e.g. ["child.name", "child.dob"]; default: every field'),
});
export type CreateClientBody = z.infer<typeof CreateClientBody>;

export const ClientView = z.object({
  id: z.string(),
  clientId: z.string().describe('the client_id to send to POST /api/auth/token'),
  name: z.string(),
  type: ClientType,
  scopes: z.array(z.string()),
  officeId: z.string().nullable(),
  fields: z
    .array(z.string())
    .nullable()
    .describe('the declaration fields it may see in search results, records and FHIR documents; null = every field'),
  status: z.enum(['active', 'disabled']),
  createdAt: z.string(),
  createdBy: z.string(),
  secretRotatedAt: z.string().nullable(),
  disabledAt: z.string().nullable(),
});
export type ClientView = z.infer<typeof ClientView>;

/** A client with its secret: answered once, when it is created or its secret rotated; never stored in clear. */
export const ClientWithSecret = ClientView.extend({
  clientSecret: z.string().describe('shown once: store it now, it cannot be read again'),
});
export type ClientWithSecret = z.infer<typeof ClientWithSecret>;

/** The declaration fields a client may see (a RECORD_SEARCH client's allow-list); null = every field. */
export const ClientFieldsBody = z.strictObject({
  fields: z
    .array(z.string().min(1).max(100))
    .max(500)
    .nullable()
    .describe(
      'field ids of the country\'s forms, e.g. ["child.name", "child.dob", "child.gender"]; null = every field',
    ),
});
export type ClientFieldsBody = z.infer<typeof ClientFieldsBody>;
