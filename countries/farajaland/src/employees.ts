import type { Employee } from '@lifeline/domain';
import { readCsv, rowError } from './csv.ts';

export const EMPLOYEES_FILE = 'employees.csv';

/** Office ids in the CSV carry this prefix (the reference's seeding convention); locations do not. */
const OFFICE_PREFIX = 'CRVS_OFFICE_';

/**
 * Demo staff. Offices are usually CRVS offices, but hospital clerks sit in a hospital: k.bwalya's office
 * t0qT1Vh8qi3 is Ibombo District Hospital, a HEALTH_FACILITY, which the domain accepts as a workplace.
 */
export function loadEmployees(): Employee[] {
  const columns = ['primaryOfficeId', 'givenNames', 'familyName', 'role', 'mobile', 'username'];
  return readCsv(EMPLOYEES_FILE, columns).map((row, i) => {
    if (!row.primaryOfficeId.startsWith(OFFICE_PREFIX)) {
      throw rowError(EMPLOYEES_FILE, i, 'primaryOfficeId', `expected "${OFFICE_PREFIX}<location id>"`);
    }
    return {
      username: row.username,
      firstname: row.givenNames,
      surname: row.familyName,
      role: row.role,
      primaryOfficeId: row.primaryOfficeId.slice(OFFICE_PREFIX.length),
      ...(row.mobile ? { mobile: row.mobile } : {}),
    };
  });
}
