import { todayIn } from '@lifeline/domain';
import { completeBirth, completeDeath } from '@lifeline/farajaland/fixtures';

export { IBOMBO_DISTRICT_HOSPITAL } from '@lifeline/farajaland/fixtures';

export function daysAgo(days: number): string {
  const d = new Date(`${todayIn('Africa/Lusaka')}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The Farajaland complete birth (Chanda Grace Mulenga), born 10 days ago so it is on time today. */
export function birthDeclaration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...completeBirth(), 'child.dob': daysAgo(10), ...overrides };
}

/** The Farajaland complete death (Joseph Phiri), 5 days ago. */
export function deathDeclaration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...completeDeath(), 'eventDetails.date': daysAgo(5), ...overrides };
}
