import { errorIssue, type Issue } from '../outcome.ts';

/** Loose JSON readers: notifications come from outside, so nothing is trusted to have the FHIR shape. */
export type Json = Record<string, unknown>;
export const obj = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** One resource of the incoming bundle with the FHIRPath that names it. */
export interface Entry {
  index: number;
  path: string;
  fullUrl: string | undefined;
  type: string;
  resource: Json;
}

export const NOTIFICATION_BUNDLE_TYPES = ['document', 'collection', 'transaction'] as const;

export interface IncomingBundle {
  identifier: { system: string; value: string } | null;
  entries: Entry[];
  /** The entry a reference points at, if it is in the bundle. */
  resolve(reference: unknown): Entry | undefined;
}

/** Check the bundle's own shape (type, entries, identifier) and index its entries for references. */
export function readBundle(body: unknown, issues: Issue[]): IncomingBundle | null {
  const bundle = obj(body);
  if (!bundle || bundle.resourceType !== 'Bundle') {
    issues.push(errorIssue('structure', 'the body must be a FHIR Bundle resource (resourceType "Bundle")', 'Bundle'));
    return null;
  }
  if (!NOTIFICATION_BUNDLE_TYPES.includes(bundle.type as (typeof NOTIFICATION_BUNDLE_TYPES)[number])) {
    issues.push(
      errorIssue('value', `Bundle.type must be one of ${NOTIFICATION_BUNDLE_TYPES.join(', ')}`, 'Bundle.type'),
    );
  }
  let identifier: IncomingBundle['identifier'] = null;
  if (bundle.identifier !== undefined) {
    const id = obj(bundle.identifier);
    const system = str(id?.system);
    const value = str(id?.value);
    if (!system || !value) {
      issues.push(errorIssue('value', 'an identifier needs a system and a value', 'Bundle.identifier'));
    } else identifier = { system, value };
  }
  if (!Array.isArray(bundle.entry) || bundle.entry.length === 0) {
    issues.push(errorIssue('required', 'the bundle has no entries', 'Bundle.entry'));
    return null;
  }
  const entries: Entry[] = [];
  bundle.entry.forEach((raw, index) => {
    const resource = obj(obj(raw)?.resource);
    const path = `Bundle.entry[${index}].resource`;
    if (!resource || typeof resource.resourceType !== 'string') {
      issues.push(errorIssue('structure', 'each entry needs a resource with a resourceType', path));
      return;
    }
    const fullUrl = str(obj(raw)?.fullUrl);
    entries.push({ index, path, fullUrl, type: resource.resourceType, resource });
  });
  const resolve = (reference: unknown): Entry | undefined => {
    const ref = str(obj(reference)?.reference);
    if (!ref) return undefined;
    return entries.find(
      (e) =>
        e.fullUrl === ref ||
        (typeof e.resource.id === 'string' &&
          (`${e.type}/${e.resource.id}` === ref || ref.endsWith(`/${e.type}/${e.resource.id}`))) ||
        (!!e.fullUrl && /^https?:/.test(e.fullUrl) && e.fullUrl.endsWith(`/${ref}`)),
    );
  };
  return { identifier, entries, resolve };
}

/** True when a CodeableConcept (or list of them) holds this coding. */
export function hasCoding(concepts: unknown, coding: { system: string; code: string }): boolean {
  const list = Array.isArray(concepts) ? concepts : [concepts];
  return list.some((c) =>
    arr(obj(c)?.coding).some((x) => obj(x)?.system === coding.system && obj(x)?.code === coding.code),
  );
}
