import fc from 'fast-check';
import {
  bodyMutation,
  CONTENT_TYPES,
  encodeLoosely,
  mutate,
  NASTY_PATH_SEGMENTS,
  nastyValue,
  RAW_BODIES,
  type BodyMutation,
} from './nasty.ts';
import type { Operation, Parameter } from './operations.ts';
import { stringFits, valueOf, type GenerateContext } from './schema-values.ts';

/** One generated HTTP request, ready for `app.inject`, with a note of how it was made. */
export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  note: string;
}

type Shape =
  | { kind: 'valid' }
  | { kind: 'body'; mutation: BodyMutation }
  | { kind: 'path'; param: number; segment: string }
  | { kind: 'query'; param: number; value: unknown; raw: boolean }
  | { kind: 'raw-body'; body: string | Buffer; contentType: string }
  | { kind: 'content-type'; contentType: string };

const shapes = (op: Operation): fc.Arbitrary<Shape> => {
  const choices: Array<{ arbitrary: fc.Arbitrary<Shape>; weight: number }> = [
    { arbitrary: fc.constant({ kind: 'valid' as const }), weight: 3 },
  ];
  if (op.body) {
    choices.push({ arbitrary: bodyMutation.map((mutation) => ({ kind: 'body' as const, mutation })), weight: 6 });
  }
  if (op.method !== 'GET' && op.method !== 'DELETE') {
    choices.push(
      {
        arbitrary: fc
          .tuple(fc.constantFrom(...RAW_BODIES), fc.constantFrom('application/json', ...CONTENT_TYPES))
          .map(([body, contentType]) => ({ kind: 'raw-body' as const, body, contentType })),
        weight: 2,
      },
      {
        arbitrary: fc
          .constantFrom(...CONTENT_TYPES)
          .map((contentType) => ({ kind: 'content-type' as const, contentType })),
        weight: 1,
      },
    );
  }
  if (op.pathParams.length) {
    choices.push({
      arbitrary: fc
        .tuple(
          fc.nat(),
          fc.oneof(
            fc.constantFrom(...NASTY_PATH_SEGMENTS),
            fc.constantFrom(...NASTY_STRINGS_FOR_PATHS).map(encodeLoosely),
          ),
        )
        .map(([param, segment]) => ({ kind: 'path' as const, param, segment })),
      weight: 3,
    });
  }
  choices.push({
    arbitrary: fc
      .tuple(fc.nat(), nastyValue, fc.boolean())
      .map(([param, value, raw]) => ({ kind: 'query' as const, param, value, raw })),
    weight: op.queryParams.length ? 3 : 1,
  });
  return fc.oneof(...choices);
};

const NASTY_STRINGS_FOR_PATHS = ['\u0000', '\ud800', 'x\udc00', '\u202e', ' ', 'é'.repeat(40), "'", '"', '<', '?#'];

/** A path parameter: most often a fixture value of the same name that fits its schema, else any fitting string. */
function pathValue(param: Parameter, ctx: GenerateContext): fc.Arbitrary<string> {
  const schema = ctx.resolve(param.schema);
  const fitting = (values: unknown[]) => [
    ...new Set(values.filter((v): v is string => typeof v === 'string' && v.length > 0 && stringFits(v, schema))),
  ];
  const named = fitting(ctx.dictionary.byName.get(param.name) ?? []);
  const other = fitting(ctx.dictionary.strings);
  const choices: Array<{ arbitrary: fc.Arbitrary<string>; weight: number }> = [
    { arbitrary: valueOf(schema, ctx).map((v) => String(v)), weight: 1 },
  ];
  if (named.length) choices.push({ arbitrary: fc.constantFrom(...named), weight: 5 });
  if (other.length) choices.push({ arbitrary: fc.constantFrom(...other), weight: 2 });
  return fc.oneof(...choices);
}

/** A query value as text: strings as they are, everything else as JSON. */
const queryText = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));

function queryString(entries: Array<[string, unknown]>, rawValue?: string): string {
  const parts = entries
    .filter(([, value]) => value !== undefined)
    .flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value]).map((v) => `${encodeLoosely(name)}=${encodeLoosely(queryText(v))}`),
    );
  if (rawValue !== undefined) parts.push(rawValue);
  return parts.length ? `?${parts.join('&')}` : '';
}

/**
 * Requests for one operation: valid-looking ones (from its schemas and the dictionary) and the same with one thing
 * broken (a body value, a missing or extra property, a path or query parameter, the body's syntax or media type).
 */
export function requestsFor(op: Operation, ctx: GenerateContext): fc.Arbitrary<FuzzRequest> {
  const path = fc.tuple(...op.pathParams.map((p) => pathValue(p, ctx)));
  const query = fc.record(Object.fromEntries(op.queryParams.map((p) => [p.name, valueOf(p.schema, ctx, p.name)])), {
    requiredKeys: op.queryParams.filter((p) => p.required).map((p) => p.name),
  });
  const jsonSchema = op.body?.['application/json'];
  const body = jsonSchema ? valueOf(jsonSchema, ctx) : fc.constant(undefined);
  return fc.tuple(path, query, body, shapes(op)).map(([pathValues, queryValues, bodyValue, shape]) => {
    const segments = pathValues.map((v) => encodeLoosely(v));
    let note: string = shape.kind;
    if (shape.kind === 'path') {
      segments[shape.param % segments.length] = shape.segment;
      note = `path ${shape.segment.slice(0, 40)}`;
    }
    let i = 0;
    const pathname = op.path.replace(/\{[^}]+\}/g, () => segments[i++] ?? '');
    const entries = Object.entries(queryValues);
    let rawQuery: string | undefined;
    if (shape.kind === 'query') {
      const name = op.queryParams.length ? op.queryParams[shape.param % op.queryParams.length].name : 'extra';
      if (shape.raw) rawQuery = `${encodeLoosely(name)}=${['%00', '%ED%A0%80', '%', '%%', '%C0%80'][shape.param % 5]}`;
      else entries.push([name, shape.value]);
      note = `query ${name}`;
    }
    const headers: Record<string, string> = {};
    let payload: string | Buffer | undefined;
    if (shape.kind === 'raw-body') {
      payload = shape.body;
      if (shape.contentType) headers['content-type'] = shape.contentType;
      note = `raw body ${String(shape.body).slice(0, 30)} as ${shape.contentType}`;
    } else if (op.body) {
      const value = shape.kind === 'body' ? mutate(bodyValue, shape.mutation) : bodyValue;
      if (value !== undefined) {
        payload = JSON.stringify(value);
        headers['content-type'] = shape.kind === 'content-type' ? shape.contentType : 'application/json';
      }
      if (shape.kind === 'body') note = `body ${shape.mutation.kind}`;
    } else if (shape.kind === 'content-type') {
      payload = '{}';
      headers['content-type'] = shape.contentType;
    }
    if (headers['content-type'] === '') delete headers['content-type'];
    return { method: op.method, url: pathname + queryString(entries, rawQuery), headers, payload, note };
  });
}
