import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = JSONColumnType<Record<string, unknown>, string, string>;
type NullableJson = ColumnType<Record<string, unknown> | null, string | null, string | null>;

export interface EventsTable {
  id: string;
  type: string;
  tracking_id: string;
  created_at: Timestamp;
  version: number;
  /** Heads of the record's chains (see migration 0012). */
  last_seq: Generated<number>;
  last_hash: string | null;
  audit_hash: string | null;
  /** The declaration that last passed complete validation and the duplicate check (migration 0140). */
  checked_hash: Generated<string | null>;
  /** The last request that wrote to the record, `<type>:<transactionId>` (migration 0195). */
  last_request: Generated<string | null>;
}

/** Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE. */
export interface EventActionsTable {
  id: string;
  event_id: string;
  seq: number;
  type: string;
  status: string;
  transaction_id: string;
  created_by: string;
  created_by_role: string;
  created_at_location: string | null;
  created_at: Timestamp;
  declaration: NullableJson;
  annotation: NullableJson;
  content: NullableJson;
  registration_number: string | null;
  prev_hash: string;
  hash: string;
}

/** Current state of each record, written in the same transaction as its actions. */
export interface EventIndexTable {
  event_id: string;
  type: string;
  tracking_id: string;
  status: string;
  flags: string[];
  assigned_to: string | null;
  declaration: Json;
  registration_number: string | null;
  title: string;
  date_of_event: string | null;
  place_of_event: string | null;
  place_of_event_path: string | null;
  created_by: string;
  created_at_location: string | null;
  created_at_location_path: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  declared_at: Timestamp | null;
  registered_at: Timestamp | null;
  registered_at_location: string | null;
  created_by_user_type: string | null;
  updated_by: string | null;
  updated_by_role: string | null;
  updated_at_location: string | null;
  /** The reference's legalStatuses ({DECLARED, REGISTERED}: who, when, where), see domain legal-statuses.ts. */
  legal_statuses: NullableJson;
  version: number;
  /** Every name on the record, normalised (lowercase, no accents), separated by " | ". */
  names: string;
  /** Every identity number on the record (national ID, passport, birth registration number). */
  ids: string[];
  /** Double-metaphone keys of every word of every name (duplicate candidates). */
  name_keys: string[];
  /** `fieldId:word` for every word of every name (fuzzy name search; see name_lexicon). */
  name_words: string[];
}

/** Every word of any name on any record, under the keys that find it from a misspelling (see lexiconKeys). */
export interface NameLexiconTable {
  key: string;
  word: string;
}

export interface ProjectionStateTable {
  id: number;
  version: number;
}

export interface DraftsTable {
  event_id: string;
  user_id: string;
  declaration: Json;
  annotation: NullableJson;
  updated_at: Timestamp;
}

export interface LocationsTable {
  id: string;
  name: string;
  type: string;
  parent_id: string | null;
  level: number | null;
  /** Materialised path "/province/district/self/" for "within" queries. */
  path: string;
  /** `config` (seeded from the country files at start) or `api` (created or changed through the API: kept). */
  source: Generated<string>;
  updated_at: Timestamp | null;
}

export interface LocationStatisticsTable {
  location_id: string;
  year: number;
  male_population: number;
  female_population: number;
  population: number;
  crude_birth_rate: number;
}

/** Hash-chained per stream (a record, a user...): each row's hash covers the previous row of its stream. */
export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  stream: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  ip: string | null;
  details: NullableJson;
  prev_hash: string;
  hash: string;
}

export interface UsersTable {
  id: string;
  username: string;
  firstname: string;
  surname: string;
  role: string;
  primary_office_id: string;
  mobile: string | null;
  email: string | null;
  status: string;
  password_hash: string;
  must_change_password: boolean;
  failed_logins: number;
  locked_until: Timestamp | null;
  created_at: Timestamp;
  /** Migration 0070_staff. */
  nid: ColumnType<string | null, string | null | undefined, string | null>;
  language: ColumnType<string | null, string | null | undefined, string | null>;
  preferred_channel: ColumnType<string | null, string | null | undefined, string | null>;
  signature_file_id: ColumnType<string | null, string | null | undefined, string | null>;
  onboarded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  refresh_token_hash: string;
  family_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  replaced_by: string | null;
  /** Successors issued within the grace window after this token was first exchanged (concurrent refreshes). */
  siblings: Generated<number>;
}

/** One login: the `sid` of its access tokens and the family of its refresh tokens (migration 0031). */
export interface LoginSessionsTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
  end_reason: string | null;
}

/** Wrong passwords and codes per username typed, known or not (migration 0032). */
export interface LoginThrottleTable {
  username: string;
  failures: number;
  last_failure_at: Timestamp | null;
  /** Until then a password is only confirmed by the code sent (see modules/auth/throttle.ts). */
  blind_until: Timestamp | null;
  code_failures: number;
  code_window_start: Timestamp | null;
}

/** Devices a user logged in from: their own guessing limit, untouched by strangers' guesses (migration 0032). */
export interface KnownDevicesTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  last_used_at: Timestamp;
  failures: number;
  last_failure_at: Timestamp | null;
  blind_until: Timestamp | null;
}

/** Fixed-window counters shared by every server copy (per-IP limits of the auth routes). */
export interface AuthRateLimitsTable {
  key: string;
  window_start: Timestamp;
  hits: number;
}

export interface LoginChallengesTable {
  nonce: string;
  /** Null for a decoy issued to a username that is not an active account. */
  user_id: string | null;
  /** The username the challenge was issued for, as typed (normalised). */
  username: string | null;
  /** Issued instead of a code while the username was being guessed at and the password was wrong: never passes. */
  decoy: Generated<boolean>;
  /** The known device the password was given from, if any. */
  device_hash: string | null;
  code_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  attempts: number;
  consumed_at: Timestamp | null;
}

export interface SavedSearchesTable {
  id: string;
  user_id: string;
  name: string;
  query: Json;
  created_at: Timestamp;
}

export interface Database {
  saved_searches: SavedSearchesTable;
  events: EventsTable;
  event_actions: EventActionsTable;
  event_index: EventIndexTable;
  name_lexicon: NameLexiconTable;
  projection_state: ProjectionStateTable;
  drafts: DraftsTable;
  locations: LocationsTable;
  location_statistics: LocationStatisticsTable;
  audit_log: AuditLogTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_sessions: LoginSessionsTable;
  login_challenges: LoginChallengesTable;
  login_throttle: LoginThrottleTable;
  known_devices: KnownDevicesTable;
  auth_rate_limits: AuthRateLimitsTable;
}
