import type { WorkqueueConfig } from '@lifeline/domain';

/**
 * Farajaland's workqueues: saved searches per role. Results are always limited to the user's jurisdiction by the
 * search engine; `$user.id` is the signed-in user.
 */
const FIELD_STAFF = ['HOSPITAL_CLERK', 'COMMUNITY_LEADER', 'EMBASSY_OFFICIAL'];
const AGENTS = ['REGISTRATION_AGENT'];
const REGISTRARS = ['LOCAL_REGISTRAR', 'PROVINCIAL_REGISTRAR', 'NATIONAL_REGISTRAR'];
const OFFICE_STAFF = [...AGENTS, ...REGISTRARS];
const EVERYONE = [...FIELD_STAFF, ...OFFICE_STAFF];

const mine = { createdBy: { type: 'exact' as const, term: '$user.id' } };

export const workqueues: WorkqueueConfig[] = [
  {
    slug: 'assigned-to-me',
    name: { en: 'Assigned to me', fr: 'Qui me sont assignés' },
    roles: EVERYONE,
    query: { type: 'and', clauses: [{ assignedTo: { type: 'exact', term: '$user.id' } }] },
    sort: '-updatedAt',
  },
  {
    slug: 'recent',
    name: { en: 'Recent', fr: 'Récents' },
    roles: EVERYONE,
    query: { type: 'and', clauses: [mine] },
    sort: '-updatedAt',
  },
  {
    slug: 'sent-for-review',
    name: { en: 'Sent for review', fr: 'Envoyés pour examen' },
    roles: FIELD_STAFF,
    query: {
      type: 'and',
      clauses: [
        mine,
        { status: { type: 'anyOf', terms: ['NOTIFIED', 'DECLARED'] }, flags: { type: 'noneOf', terms: ['rejected'] } },
      ],
    },
    sort: '-updatedAt',
  },
  {
    slug: 'requires-updates',
    name: { en: 'Requires updates', fr: 'Mises à jour requises' },
    roles: EVERYONE,
    query: {
      type: 'and',
      clauses: [
        { flags: { type: 'anyOf', terms: ['rejected'] }, status: { type: 'anyOf', terms: ['NOTIFIED', 'DECLARED'] } },
      ],
    },
    sort: '-updatedAt',
    actions: ['DECLARE', 'VALIDATE'],
  },
  {
    slug: 'in-progress',
    name: { en: 'In progress / notifications', fr: 'En cours / notifications' },
    roles: OFFICE_STAFF,
    query: {
      type: 'and',
      clauses: [{ status: { type: 'exact', term: 'NOTIFIED' }, flags: { type: 'noneOf', terms: ['rejected'] } }],
    },
    sort: '-updatedAt',
    actions: ['DECLARE', 'VALIDATE', 'REGISTER'],
  },
  {
    slug: 'ready-for-review',
    name: { en: 'Ready for review', fr: 'Prêts pour examen' },
    roles: OFFICE_STAFF,
    query: {
      type: 'and',
      clauses: [
        {
          status: { type: 'exact', term: 'DECLARED' },
          flags: { type: 'noneOf', terms: ['rejected', 'registration-requested'] },
        },
      ],
    },
    sort: '-updatedAt',
    actions: ['VALIDATE', 'REGISTER', 'REJECT'],
  },
  {
    // Registrations the national ID system has yet to confirm (events with nationalIdConfirmation on).
    slug: 'waiting-for-national-id',
    name: { en: 'Waiting for national ID', fr: "En attente de l'identifiant national" },
    roles: OFFICE_STAFF,
    query: {
      type: 'and',
      clauses: [
        { status: { type: 'exact', term: 'DECLARED' }, flags: { type: 'anyOf', terms: ['registration-requested'] } },
      ],
    },
    sort: '-updatedAt',
  },
  {
    slug: 'ready-to-print',
    name: { en: 'Ready to print', fr: 'Prêts à imprimer' },
    roles: OFFICE_STAFF,
    query: {
      type: 'and',
      clauses: [
        {
          status: { type: 'exact', term: 'REGISTERED' },
          // Revoked records and records with a correction pending cannot be printed.
          flags: { type: 'noneOf', terms: ['printed', 'revoked', 'correction-requested'] },
        },
      ],
    },
    sort: '-updatedAt',
    actions: ['PRINT_CERTIFICATE'],
  },
  {
    slug: 'correction-requested',
    name: { en: 'Correction requested', fr: 'Corrections demandées' },
    roles: REGISTRARS,
    query: {
      type: 'and',
      clauses: [
        { status: { type: 'exact', term: 'REGISTERED' }, flags: { type: 'anyOf', terms: ['correction-requested'] } },
      ],
    },
    sort: '-updatedAt',
    actions: ['APPROVE_CORRECTION', 'REJECT_CORRECTION'],
  },
];
