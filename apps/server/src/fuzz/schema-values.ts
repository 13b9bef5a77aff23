import fc from 'fast-check';
import type { JsonSchema } from './operations.ts';

/**
 * Values seen in the fixtures' responses, by property name (`id`, `declaration`, `trackingId`...) and as plain
 * strings: a generated `declaration` or `{id}` is then often a real one, so inputs get past the first checks and
 * reach the code behind them, as a fuzzer with a dictionary does.
 */
export interface Dictionary {
  byName: Map<string, unknown[]>;
  strings: string[];
}

const PER_NAME = 24;

export function emptyDictionary(): Dictionary {
  return { byName: new Map(), strings: [] };
}

/** Add every property value and string of a JSON response to the dictionary (bounded, no duplicates). */
export function harvest(dictionary: Dictionary, value: unknown): void {
  const seen = new Set(dictionary.strings);
  const addString = (text: string) => {
    if (text.length > 200 || seen.has(text) || dictionary.strings.length > 2000) return;
    seen.add(text);
    dictionary.strings.push(text);
    // `/api/files/<hash>` and the like: their last segment is an id too.
    if (text.startsWith('/api/')) addString(text.split('/').pop() ?? '');
  };
  const walk = (node: unknown, depth: number) => {
    if (depth > 8) return;
    if (typeof node === 'string') return addString(node);
    if (Array.isArray(node)) return node.slice(0, 20).forEach((item) => walk(item, depth + 1));
    if (!node || typeof node !== 'object') return;
    for (const [name, item] of Object.entries(node)) {
      const list = dictionary.byName.get(name) ?? [];
      const text = JSON.stringify(item);
      if (list.length < PER_NAME && text.length < 20_000 && !list.some((v) => JSON.stringify(v) === text)) {
        list.push(item);
        dictionary.byName.set(name, list);
      }
      walk(item, depth + 1);
    }
  };
  walk(value, 0);
}

/** Does a string satisfy a (string) schema's enum, pattern, length and uuid format? */
export function stringFits(text: string, schema: JsonSchema): boolean {
  if (schema.enum && !schema.enum.includes(text)) return false;
  if (schema.const !== undefined && schema.const !== text) return false;
  if (schema.minLength !== undefined && text.length < schema.minLength) return false;
  if (schema.maxLength !== undefined && text.length > schema.maxLength) return false;
  if (schema.format === 'uuid' && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) {
    return false;
  }
  if (schema.pattern) {
    try {
      if (!new RegExp(schema.pattern, 'u').test(text)) return false;
    } catch {
      return true;
    }
  }
  return true;
}

/** Does a JSON value satisfy a schema (types, enums, string limits, required and unknown properties)? Roughly. */
export function fits(value: unknown, raw: JsonSchema, resolve: (schema: JsonSchema) => JsonSchema, depth = 0): boolean {
  const schema = resolve(raw);
  if (depth > 8) return true;
  if (schema.const !== undefined) return value === schema.const;
  if (schema.enum) return schema.enum.includes(value);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.some((s) => fits(value, s, resolve, depth + 1));
  const types = [schema.type ?? (schema.properties ? 'object' : 'any')].flat();
  return types.some((type) => {
    switch (type) {
      case 'string':
        return typeof value === 'string' && stringFits(value, schema);
      case 'integer':
      case 'number':
        return (
          typeof value === 'number' &&
          (type === 'number' || Number.isInteger(value)) &&
          (schema.minimum === undefined || value >= schema.minimum) &&
          (schema.maximum === undefined || value <= schema.maximum)
        );
      case 'boolean':
        return typeof value === 'boolean';
      case 'null':
        return value === null;
      case 'array':
        return (
          Array.isArray(value) && (!schema.items || value.every((v) => fits(v, schema.items!, resolve, depth + 1)))
        );
      case 'object': {
        if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
        const record = value as Record<string, unknown>;
        const properties = schema.properties ?? {};
        if ((schema.required ?? []).some((key) => !(key in record))) return false;
        return Object.entries(record).every(([key, v]) =>
          key in properties
            ? fits(v, properties[key], resolve, depth + 1)
            : schema.additionalProperties !== false &&
              (typeof schema.additionalProperties !== 'object' ||
                fits(v, schema.additionalProperties, resolve, depth + 1)),
        );
      }
      default:
        return true;
    }
  });
}

export interface GenerateContext {
  resolve: (schema: JsonSchema) => JsonSchema;
  dictionary: Dictionary;
}

const MAX_DEPTH = 6;

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? 24, 40));
  const dates = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true });
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date':
      return dates.map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return dates.map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
  }
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).map((s) => s.slice(0, Math.max(max, min)));
    } catch {
      // A pattern fast-check cannot invert (Unicode classes): plain strings.
    }
  }
  return fc.string({ minLength: min, maxLength: max });
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = Math.max(schema.minimum ?? schema.exclusiveMinimum ?? -1000, -Number.MAX_SAFE_INTEGER);
  const max = Math.min(schema.maximum ?? schema.exclusiveMaximum ?? 1000, Number.MAX_SAFE_INTEGER);
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** A valid-looking value of `schema`, preferring dictionary values of the same property name when there are some. */
export function valueOf(rawSchema: JsonSchema, ctx: GenerateContext, name?: string, depth = 0): fc.Arbitrary<unknown> {
  const schema = ctx.resolve(rawSchema);
  const known = name ? ctx.dictionary.byName.get(name)?.filter((v) => fits(v, schema, ctx.resolve)) : undefined;
  const generated = generate(schema, ctx, depth);
  const choices: Array<{ arbitrary: fc.Arbitrary<unknown>; weight: number }> = [{ arbitrary: generated, weight: 2 }];
  if (known?.length) choices.push({ arbitrary: fc.constantFrom(...known), weight: 3 });
  if (schema.examples?.length) choices.push({ arbitrary: fc.constantFrom(...schema.examples), weight: 3 });
  return choices.length === 1 ? generated : fc.oneof(...choices);
}

function generate(schema: JsonSchema, ctx: GenerateContext, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) {
    if (depth >= MAX_DEPTH) return generate(ctx.resolve(alternatives[0]), ctx, depth + 1);
    return fc.oneof(...alternatives.map((s) => valueOf(s, ctx, undefined, depth + 1)));
  }
  if (schema.allOf?.length) return valueOf(schema.allOf[0], ctx, undefined, depth + 1);
  const types = [schema.type ?? (schema.properties ? 'object' : 'any')].flat();
  if (types.length > 1) return fc.oneof(...types.map((type) => generate({ ...schema, type }, ctx, depth)));
  switch (types[0]) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (depth >= MAX_DEPTH) return fc.constant([]);
      const items = schema.items ? valueOf(schema.items, ctx, undefined, depth + 1) : fc.jsonValue({ maxDepth: 1 });
      const minLength = schema.minItems ?? 0;
      return fc.array(items, { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 3, 3)) });
    }
    case 'object':
      return objectArbitrary(schema, ctx, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectArbitrary(schema: JsonSchema, ctx: GenerateContext, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  if (Object.keys(properties).length === 0) {
    if (depth >= MAX_DEPTH) return fc.constant({});
    const values =
      typeof schema.additionalProperties === 'object'
        ? valueOf(schema.additionalProperties, ctx, undefined, depth + 1)
        : fc.jsonValue({ maxDepth: 1 });
    return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), values, { maxKeys: 3 });
  }
  const required = new Set(schema.required ?? []);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, property] of Object.entries(properties)) {
    // Past the depth limit only what is required, so recursive schemas end.
    if (depth >= MAX_DEPTH && !required.has(key)) continue;
    record[key] = valueOf(property, ctx, key, depth + 1);
  }
  return fc.record(record, { requiredKeys: [...required].filter((key) => key in record) });
}
