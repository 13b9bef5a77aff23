import type { Action, ApplicationSettings, EventConfig, EventStatus, Flag, Role } from '@lifeline/domain';

/** A record as GET /api/events/{id} returns it. */
export interface EventDocument {
  id: string;
  type: string;
  trackingId: string;
  status: EventStatus;
  flags: Flag[];
  declaration: Record<string, unknown>;
  registrationNumber: string | null;
  title: string;
  dateOfEvent: string | null;
  placeOfEvent: string | null;
  assignedTo: string | null;
  createdBy: string;
  createdAtLocation: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  actions: Action[];
}

/** What an action answers by default: the record's state and version, without its history (`?include=actions`). */
export type ActionReply = Omit<EventDocument, 'actions'>;

export interface AppConfig {
  settings: ApplicationSettings;
  events: EventConfig[];
  /** Every role's label (to say who did what); scopes stay on the server. */
  roles: Array<Pick<Role, 'id' | 'label'>>;
  /** The event types the user may import legacy registers of (record.import): names only. */
  importable?: Array<Pick<EventConfig, 'id' | 'label'>>;
  role: string;
  /** Practice mode: nothing here is the real register. */
  training: boolean;
  /** A national ID provider is configured: people on a declaration can be verified with it. */
  identityProvider?: boolean;
  /** The fields the statistics group by sex and place of occurrence, by event type. */
  statistics?: Record<string, { sexField: string; placeOfOccurrenceField: string }>;
}

/** GET /api/users/me. */
export interface Me {
  id: string;
  username: string;
  /** "Firstname Surname". */
  name: string;
  firstname: string;
  surname: string;
  role: string;
  primaryOfficeId: string;
  /** The user must choose a new password before working. */
  mustChangePassword: boolean;
  /** The role's scopes, e.g. `record.register[event=birth,jurisdiction=area]` (parse with domain `parseScope`). */
  scopes: string[];
  language: string;
  /** False until the welcome (signature for those who sign, the tour) is done. */
  onboarded: boolean;
  hasSignature: boolean;
}

/** A row of a workqueue or of search results: the record without its declaration and history. */
export interface EventSummary {
  id: string;
  type: string;
  trackingId: string;
  status: EventStatus;
  flags: Flag[];
  title: string;
  dateOfEvent: string | null;
  placeOfEvent: string | null;
  registrationNumber: string | null;
  assignedTo: string | null;
  createdBy: string;
  createdAtLocation: string | null;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/workqueues: the queues of the caller's role, from the country config. */
export interface WorkqueueInfo {
  slug: string;
  name: Record<string, string>;
  count: number;
}

/** GET /api/users?ids=: who did what, for the history. */
export interface UserSummary {
  id: string;
  username: string;
  firstname: string;
  surname: string;
  role: string;
  primaryOfficeId: string;
}
