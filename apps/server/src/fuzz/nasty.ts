import fc from 'fast-check';

const nest = (depth: number, leaf: unknown, asArray: boolean): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
};

/** Strings that have broken parsers, databases and renderers somewhere. */
export const NASTY_STRINGS: string[] = [
  '',
  ' ',
  '   \t\n',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'lone\ud800',
  'x\udc00y',
  '\udfff\ud800',
  '\u202eRTL override\u202c',
  'مرحبا بالعالم',
  'e\u0301\u0301\u0301',
  '\u200b\u200d\ufeff',
  '👨‍👩‍👧‍👦🏳️‍🌈',
  '\uffff\ufffe',
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e308',
  '9'.repeat(400),
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '2026-02-29T25:61:61+99:99',
  '-infinity',
  '../../../etc/passwd',
  '%00',
  '%ED%A0%80',
  "' OR '1'='1' --",
  '"; DROP TABLE events; --',
  '\\',
  '\\u0000',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '$user.id',
  '__proto__',
  'constructor',
  'a'.repeat(256),
  'é'.repeat(5000),
  'x'.repeat(1024 * 1024),
];

/** Numbers at and past every boundary a schema or a column has. */
export const NASTY_NUMBERS: number[] = [
  0,
  -0,
  -1,
  1.5,
  -1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  1e308,
  -1e308,
  5e-324,
];

/** A value of any wrong type, odd string or absurd nesting, to put where a valid one was. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 6 },
  { arbitrary: fc.constantFrom(...NASTY_NUMBERS), weight: 2 },
  { arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], { '': null }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
  { arbitrary: fc.double(), weight: 1 },
  {
    arbitrary: fc.tuple(fc.constantFrom(33, 40, 300), fc.boolean()).map(([depth, asArray]) => nest(depth, 1, asArray)),
    weight: 2,
  },
);

/** Raw request bodies that are not the JSON the operation expects. */
export const RAW_BODIES: Array<string | Buffer> = [
  '',
  '{',
  '[',
  '{"a":1,}',
  'null',
  '"text"',
  '12',
  '[]',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '{"a":"\\ud800"}',
  '{"\\u0000":1}',
  '{"a":"b\\u0000"}',
  '['.repeat(5000) + ']'.repeat(5000),
  '{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
  `{"a":"${'x'.repeat(1024 * 1024 + 10)}"}`,
  Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]),
  Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n', 'latin1'),
];

/** Content types a client may send by mistake (or on purpose). */
export const CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/json; charset=utf-16',
  'application/json-patch+json',
  'application/octet-stream',
  'image/png',
  'application/pdf',
  '',
];

/** Path parameter values that are not ids: empty, encoded NUL, bad UTF-8, traversal, huge. */
export const NASTY_PATH_SEGMENTS = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%C0%AF',
  '%',
  '%2e%2e%2f%2e%2e',
  '..',
  '%20',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'not-a-uuid',
  '-1',
  '1e308',
  'a'.repeat(90),
  'a'.repeat(5000),
  '%F0%9F%98%80',
  'null',
  '__proto__',
];

/** URL-encode text, keeping lone surrogates as the (invalid) UTF-8 a careless client would send. */
export function encodeLoosely(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...text]
      .map((ch) => {
        try {
          return encodeURIComponent(ch);
        } catch {
          const code = ch.charCodeAt(0);
          return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
            .map((b) => `%${b.toString(16).toUpperCase()}`)
            .join('');
        }
      })
      .join('');
  }
}

/** Every position in a JSON value, as a path of keys, root first. */
export function positions(value: unknown, path: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  out.push(path);
  if (out.length > 200) return out;
  if (Array.isArray(value)) value.forEach((item, i) => positions(item, [...path, i], out));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) positions(item, [...path, key], out);
  }
  return out;
}

export type BodyMutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'extra'; at: number; key: string; value: unknown };

/** Assign an own property, even one named `__proto__` (plain assignment would set the prototype instead). */
function setOwn(target: object, key: string | number, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Apply one mutation at the `at`-th position (modulo their number) of a copy of `value`. */
export function mutate(value: unknown, mutation: BodyMutation): unknown {
  const copy = clone(value);
  const all = positions(copy);
  const path = all[mutation.at % all.length];
  if (path.length === 0) {
    if (mutation.kind === 'replace') return mutation.value;
    if (mutation.kind === 'extra' && copy && typeof copy === 'object' && !Array.isArray(copy)) {
      setOwn(copy, mutation.key, mutation.value);
    }
    return copy;
  }
  const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], copy) as
    Record<string | number, unknown> | unknown[];
  const key = path[path.length - 1];
  if (mutation.kind === 'replace') setOwn(parent, key, mutation.value);
  else if (mutation.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else {
    const target = (parent as Record<string | number, unknown>)[key];
    if (target && typeof target === 'object' && !Array.isArray(target)) {
      setOwn(target, mutation.key, mutation.value);
    } else if (!Array.isArray(parent)) setOwn(parent, mutation.key, mutation.value);
  }
  return copy;
}

export const bodyMutation: fc.Arbitrary<BodyMutation> = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: nastyValue }),
    weight: 6,
  },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('extra' as const),
      at: fc.nat(),
      key: fc.constantFrom('extra', '', '__proto__', 'constructor', '\ud800', 'a\u0000', 'x'.repeat(300)),
      value: nastyValue,
    }),
    weight: 2,
  },
);
