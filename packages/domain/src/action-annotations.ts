import type { z } from 'zod';
import type { ActionType } from './actions.ts';
import { IssueAnnotation, PrintAnnotation } from './annotations.ts';
import { CorrectionAnnotation } from './corrections.ts';
import type { FieldError } from './validation.ts';

/**
 * The actions that take an annotation, and its schema. Every other action (REJECT_CORRECTION included: its reason
 * is `content.reason`) refuses one.
 */
export const ACTION_ANNOTATIONS: Partial<Record<ActionType, z.ZodType>> = {
  PRINT_CERTIFICATE: PrintAnnotation,
  ISSUE_CERTIFICATE: IssueAnnotation,
  REQUEST_CORRECTION: CorrectionAnnotation,
  // A registrar's one-step correction carries the request's record of who, what and why.
  APPROVE_CORRECTION: CorrectionAnnotation,
};

/** Largest annotation kept in the log, as JSON: the schemas' own limits stay far below it. */
export const MAX_ANNOTATION_BYTES = 4096;

/** What the record is like when the action is asked for, as far as its annotation depends on it. */
export interface AnnotationContext {
  /** The record has a correction request waiting for a decision (its annotation holds who asked and why). */
  pendingCorrection?: boolean;
}

/**
 * Whether the law needs the action's annotation: a correction request always records who asks, what changes and
 * why; so does a registrar's one-step correction (APPROVE_CORRECTION with no request pending), which is its own
 * request. Approving a pending request takes none (the request holds it).
 */
export function annotationRequired(type: ActionType, context: AnnotationContext = {}): boolean {
  return type === 'REQUEST_CORRECTION' || (type === 'APPROVE_CORRECTION' && !context.pendingCorrection);
}

/** Problems of an action's annotation, by field (`annotation.collector.type`...); none when it is acceptable. */
export function checkAnnotation(type: ActionType, annotation: unknown, context: AnnotationContext = {}): FieldError[] {
  if (annotation === undefined || annotation === null) {
    if (!annotationRequired(type, context)) return [];
    return [
      {
        field: 'annotation',
        message: `required for ${type === 'REQUEST_CORRECTION' ? 'a correction request' : 'a correction without a pending request'}: who asks (requester), why (reason), and any documents and fee`,
      },
    ];
  }
  const schema = ACTION_ANNOTATIONS[type];
  if (!schema) return [{ field: 'annotation', message: `${type} takes no annotation` }];
  if (new TextEncoder().encode(JSON.stringify(annotation)).length > MAX_ANNOTATION_BYTES) {
    return [{ field: 'annotation', message: `at most ${MAX_ANNOTATION_BYTES} bytes of JSON` }];
  }
  const result = schema.safeParse(annotation);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    field: ['annotation', ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}
