import {
  evaluate,
  holdsValue,
  type EventConfig,
  type FieldConfig,
  type PageConfig,
  type Values,
} from '@lifeline/domain';

/** What the form shows for some answers: the pages and fields on screen, and the answers that count. */
export interface Visibility {
  /** Answers of visible fields only: what is validated and submitted. */
  values: Values;
  pages: PageConfig[];
  /** Ids of every visible field, display fields included. */
  fields: Set<string>;
}

function shown(condition: FieldConfig['showIf'], values: Values, today: string): boolean {
  return !condition || evaluate(condition, { values, today });
}

/**
 * Drop answers of hidden fields (and of fields the form does not have), repeating until nothing changes: hiding
 * one answer can hide others whose conditions read it. The result is what the server accepts: every answer in
 * it belongs to a field that its own answers show. The user's other answers stay in the draft, so switching an
 * answer back brings them back.
 */
export function visibleAnswers(event: EventConfig, values: Values, today: string): Visibility {
  let current: Record<string, unknown> = {};
  const known = new Set(event.pages.flatMap((p) => p.fields.filter(holdsValue).map((f) => f.id)));
  for (const [key, value] of Object.entries(values)) if (known.has(key) && value !== undefined) current[key] = value;
  for (let round = 0; round < 20; round++) {
    const next: Record<string, unknown> = {};
    for (const page of event.pages) {
      if (!shown(page.showIf, current, today)) continue;
      for (const field of page.fields) {
        if (field.id in current && shown(field.showIf, current, today)) next[field.id] = current[field.id];
      }
    }
    const stable = Object.keys(next).length === Object.keys(current).length;
    current = next;
    if (stable) break;
  }
  const pages = event.pages.filter((p) => shown(p.showIf, current, today));
  const fields = new Set<string>();
  for (const page of pages) for (const f of page.fields) if (shown(f.showIf, current, today)) fields.add(f.id);
  return { values: current, pages, fields };
}

/**
 * The declaration to send with an action: for a new record every visible answer; for a record that already has
 * answers only what changed, with `null` for each answer it holds that is no longer given (null removes it).
 */
export function declarationPatch(visible: Values, existing: Values | undefined): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(visible)) {
    if (!existing || JSON.stringify(existing[key]) !== JSON.stringify(value)) patch[key] = value;
  }
  for (const key of Object.keys(existing ?? {})) if (!(key in visible)) patch[key] = null;
  return patch;
}
