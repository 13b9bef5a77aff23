import type { Jurisdiction, Role, ScopeName } from '@lifeline/domain';
import { t } from './text.ts';

/**
 * Event types named explicitly (rather than omitting `event=`) so that a new event type, e.g. marriage, is not
 * granted to every role by accident: it has to be added here on purpose.
 */
const EVENTS = 'birth|death|marriage';
/** Hospitals and communities report births and deaths; marriages are declared at registry offices and embassies. */
const VITAL_EVENTS = 'birth|death';

type ActionOf<S> = S extends `record.${infer A}` ? A : never;
type RecordAction = ActionOf<ScopeName>;

/** `record.<action>[event=birth|death|marriage,jurisdiction=...]` for each action. */
function record(jurisdiction: Jurisdiction, ...actions: RecordAction[]): string[] {
  return recordOf(EVENTS, jurisdiction, ...actions);
}

/** The same for some event types only. */
function recordOf(events: string, jurisdiction: Jurisdiction, ...actions: RecordAction[]): string[] {
  return actions.map((a) => `record.${a}[event=${events},jurisdiction=${jurisdiction}]`);
}

/** Non-record scopes; national ones say `all` because an HQ office sits in no area. */
function scopes(jurisdiction: Jurisdiction, ...names: ScopeName[]): string[] {
  return names.map((n) => `${n}[jurisdiction=${jurisdiction}]`);
}

const DECLARE: RecordAction[] = ['create', 'notify', 'declare'];
const AGENT: RecordAction[] = [
  ...DECLARE,
  'validate',
  'edit',
  'reject',
  'archive',
  'read',
  'search',
  'print-certified-copies',
  // An agent takes a correction request at the counter; a registrar approves it.
  'request-correction',
];
const REGISTRAR: RecordAction[] = [...AGENT, 'register', 'review-duplicates', 'correct', 'unassign-others'];
const USER_ADMIN: ScopeName[] = ['user.create', 'user.edit', 'user.read', 'user.search'];

/** Every member of staff may read the audit trail of their own actions. */
const MY_AUDIT = 'user.read-only-my-audit';

/**
 * Typing entries of scanned paper registers of births and deaths. Not record.import (the CSV import of REGISTERED
 * records, the national administrator's): a registrar uploads scans with record.register and resolves entries.
 */
const TRANSCRIBE = (jurisdiction: Jurisdiction) => recordOf(VITAL_EVENTS, jurisdiction, 'transcribe');

/** Local and provincial registrars differ only by office: a province office's area is the whole province. */
const areaRegistrar = [
  ...record('area', ...REGISTRAR),
  ...TRANSCRIBE('area'),
  MY_AUDIT,
  'profile.electronic-signature',
  ...scopes('area', 'performance.read'),
];

export const roles: Role[] = [
  {
    id: 'HOSPITAL_CLERK',
    label: t('Hospital Clerk', 'Agent hospitalier'),
    scopes: [
      ...recordOf(VITAL_EVENTS, 'office', ...DECLARE, 'read'),
      ...recordOf(VITAL_EVENTS, 'area', 'search'),
      MY_AUDIT,
    ],
  },
  {
    id: 'COMMUNITY_LEADER',
    label: t('Community Leader', 'Leader communautaire'),
    scopes: [...recordOf(VITAL_EVENTS, 'office', 'create', 'notify', 'read'), MY_AUDIT],
  },
  {
    id: 'REGISTRATION_AGENT',
    label: t('Registration Agent', "Agent d'enregistrement"),
    scopes: [...record('area', ...AGENT), ...TRANSCRIBE('area'), MY_AUDIT],
  },
  {
    id: 'LOCAL_REGISTRAR',
    label: t('Local Registrar', "Officier de l'état civil local"),
    scopes: areaRegistrar,
  },
  {
    id: 'PROVINCIAL_REGISTRAR',
    label: t('Provincial Registrar', "Officier de l'état civil provincial"),
    scopes: areaRegistrar,
  },
  {
    id: 'NATIONAL_REGISTRAR',
    label: t('National Registrar', "Officier de l'état civil national"),
    // Only the registrar general revokes and reinstates registrations.
    scopes: [
      ...record('all', ...REGISTRAR, 'revoke'),
      ...TRANSCRIBE('all'),
      'profile.electronic-signature',
      MY_AUDIT,
      ...scopes('all', 'performance.read', 'performance.read-dashboards', 'performance.vital-statistics-export'),
    ],
  },
  {
    id: 'EMBASSY_OFFICIAL',
    label: t('Embassy Official', "Agent d'ambassade"),
    scopes: [...record('office', ...DECLARE, 'validate', 'read', 'search', 'print-certified-copies'), MY_AUDIT],
  },
  {
    id: 'LOCAL_SYSTEM_ADMIN',
    label: t('Local System Admin', 'Administrateur système local'),
    scopes: scopes('area', ...USER_ADMIN, 'organisation.read-locations', 'performance.read'),
  },
  {
    id: 'NATIONAL_SYSTEM_ADMIN',
    label: t('National System Admin', 'Administrateur système national'),
    scopes: scopes(
      'all',
      ...USER_ADMIN,
      'organisation.read-locations',
      'config.update-all',
      'integration.create',
      'record.reindex',
      'record.import',
      'performance.read',
      'performance.read-dashboards',
    ),
  },
  {
    id: 'PERFORMANCE_MANAGER',
    label: t('Performance Manager', 'Gestionnaire des performances'),
    scopes: scopes(
      'all',
      'performance.read',
      'performance.read-dashboards',
      'performance.vital-statistics-export',
      'organisation.read-locations',
      // Staff and their audit trails (read only): who did what, where.
      'user.read',
    ),
  },
];
