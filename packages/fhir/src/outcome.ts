import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';

export type IssueCode = OperationOutcomeIssue['code'];

/** One problem (or note) about a request, pointing at the element by FHIRPath when there is one. */
export interface Issue {
  severity: OperationOutcomeIssue['severity'];
  code: IssueCode;
  diagnostics: string;
  /** FHIRPath of the element concerned, e.g. `Bundle.entry[1].resource.birthDate`. */
  expression?: string;
}

export function operationOutcome(issues: Issue[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: i.severity,
      code: i.code,
      diagnostics: i.diagnostics,
      ...(i.expression ? { expression: [i.expression] } : {}),
    })),
  };
}

export const errorIssue = (code: IssueCode, diagnostics: string, expression?: string): Issue => ({
  severity: 'error',
  code,
  diagnostics,
  ...(expression ? { expression } : {}),
});
