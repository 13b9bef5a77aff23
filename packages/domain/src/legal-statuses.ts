import { z } from 'zod';
import type { Action } from './actions.ts';

/** Whether an action was taken by a person or by an integration client (whose role is `client:<TYPE>`). */
export type UserType = 'user' | 'system';
export const userTypeOf = (role: string): UserType => (role.startsWith('client:') ? 'system' : 'user');

/**
 * Who made a record legal, when and where: the reference 2.0 `legalStatuses` (its integrations read and search
 * them). `createdAt` is when the action was asked for, `acceptedAt` when it took effect (the same unless an outside
 * system confirmed it later).
 */
export interface LegalStatus {
  createdAt: string;
  createdBy: string;
  createdByRole: string;
  createdByUserType: UserType;
  createdAtLocation: string | null;
  acceptedAt: string;
}
export interface LegalStatuses {
  DECLARED: LegalStatus | null;
  REGISTERED: (LegalStatus & { registrationNumber: string | null }) | null;
}

export const NO_LEGAL_STATUSES: LegalStatuses = { DECLARED: null, REGISTERED: null };

function statusOf(action: Action): LegalStatus {
  return {
    createdAt: action.createdAt,
    createdBy: action.createdBy,
    createdByRole: action.createdByRole,
    createdByUserType: userTypeOf(action.createdByRole),
    createdAtLocation: action.createdAtLocation,
    acceptedAt: action.createdAt,
  };
}

/**
 * The legal statuses after an accepted action: the first DECLARE declares the record (a record registered in one
 * step was declared by that step's DECLARE); each accepted REGISTER registers it.
 */
export function nextLegalStatuses(before: LegalStatuses | undefined, action: Action): LegalStatuses {
  // (States stored before legal statuses were kept have none.)
  const current = before ?? NO_LEGAL_STATUSES;
  if (action.type === 'DECLARE' && !current.DECLARED) return { ...current, DECLARED: statusOf(action) };
  if (action.type === 'REGISTER' && action.status === 'Accepted') {
    return { ...current, REGISTERED: { ...statusOf(action), registrationNumber: action.registrationNumber } };
  }
  return current;
}

const LegalStatusSchema = z.object({
  createdAt: z.string(),
  createdBy: z.string(),
  createdByRole: z.string(),
  createdByUserType: z.enum(['user', 'system']),
  createdAtLocation: z.string().nullable(),
  acceptedAt: z.string(),
});
/** The legalStatuses of a search result or record, as the API answers them. */
export const LegalStatusesSchema = z.object({
  DECLARED: LegalStatusSchema.nullable(),
  REGISTERED: LegalStatusSchema.extend({ registrationNumber: z.string().nullable() }).nullable(),
});
