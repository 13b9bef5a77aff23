import { z } from 'zod';
import type { FieldError } from './validation.ts';

/**
 * Input every layer can store and compare: shared by the server's JSON body parser, its path and query checks,
 * and the schemas the browser and CLI use.
 */

/** Deepest nesting of objects and arrays accepted in a request (declarations need 3, search queries a few more). */
export const MAX_JSON_DEPTH = 32;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (no `u` flag: code units). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a text cannot be stored or compared, or undefined when it can: PostgreSQL text cannot hold a NUL character,
 * and a lone UTF-16 surrogate (`"\ud800"` in JSON) is not Unicode text at all.
 */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it holds a lone UTF-16 surrogate)';
  return undefined;
}

/** Dotted path of a value inside a request, as problem+json `errors[].field` names it. */
function joinPath(prefix: string, key: string | number): string {
  return prefix ? `${prefix}.${key}` : String(key);
}

/**
 * The first problem in a parsed JSON value (or path/query parameters): nesting deeper than `maxDepth`, or a key or
 * string that `textProblem` refuses. Iterative, so no input can exhaust the stack; it never descends past the limit.
 */
export function jsonProblem(value: unknown, prefix = '', maxDepth = MAX_JSON_DEPTH): FieldError | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: prefix, depth: 0 }];
  while (stack.length) {
    const { value: node, path, depth } = stack.pop()!;
    if (typeof node === 'string') {
      const problem = textProblem(node);
      if (problem) return { field: path || '(body)', message: problem };
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth >= maxDepth) {
      return { field: path || '(body)', message: `nested deeper than ${maxDepth} levels` };
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => stack.push({ value: item, path: joinPath(path, i), depth: depth + 1 }));
      continue;
    }
    for (const [key, item] of Object.entries(node)) {
      const keyProblem = textProblem(key);
      if (keyProblem) return { field: path || '(body)', message: `a property name ${keyProblem}` };
      stack.push({ value: item, path: joinPath(path, key), depth: depth + 1 });
    }
  }
  return undefined;
}

/** Text that is non-blank (not only spaces) and at most `max` characters: reasons, comments, names of things. */
export const NonBlankText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((text) => text.trim().length > 0, 'must not be blank');
