import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAnnotation, MAX_ANNOTATION_BYTES } from './action-annotations.ts';
import { isDateOrDateTime } from './dates.ts';
import { jsonProblem, MAX_JSON_DEPTH, NonBlankText, textProblem } from './input.ts';

describe('textProblem', () => {
  it('refuses NUL characters and lone surrogates, and nothing else', () => {
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    for (const lone of ['\ud800', 'x\udbff', '\udc00x', 'a\udfff\ud800b'])
      expect(textProblem(lone)).toMatch(/surrogate/);
    for (const fine of ['', 'Chanda Mulenga', '😀', 'مرحبا', 'e\u0301', '\u202e', '\uffff']) {
      expect(textProblem(fine), fine).toBeUndefined();
    }
  });

  it('agrees with the standard: refuses exactly the strings that are not well-formed Unicode (or hold NUL)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (text) => {
        // An independent check: encoding to UTF-8 and back keeps a string only when it has no lone surrogate.
        const roundTrips = new TextDecoder().decode(new TextEncoder().encode(text)) === text;
        expect(textProblem(text) === undefined).toBe(roundTrips && !text.includes('\u0000'));
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});

describe('jsonProblem', () => {
  const nest = (depth: number) => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = { a: [value] };
    return value;
  };

  it('names the first too-deep place and never recurses (100,000 levels)', () => {
    expect(jsonProblem(nest(MAX_JSON_DEPTH / 2))).toBeUndefined();
    expect(jsonProblem(nest(MAX_JSON_DEPTH))).toEqual({
      field: `${'a.0.'.repeat(MAX_JSON_DEPTH / 2 - 1)}a.0`,
      message: `nested deeper than ${MAX_JSON_DEPTH} levels`,
    });
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonProblem(deep, 'body')?.message).toMatch(/nested deeper/);
  });

  it('names the field holding bad text, or the object holding a bad key', () => {
    expect(jsonProblem({ query: { clauses: [{ term: 'x\ud800' }] } })).toEqual({
      field: 'query.clauses.0.term',
      message: expect.stringMatching(/surrogate/),
    });
    expect(jsonProblem({ a: { 'b\u0000': 1 } }, 'params')).toEqual({
      field: 'params.a',
      message: expect.stringMatching(/^a property name must not contain NUL/),
    });
    expect(jsonProblem('\u0000')).toEqual({ field: '(body)', message: expect.stringMatching(/NUL/) });
  });
});

describe('isDateOrDateTime', () => {
  it('takes real dates and ISO date-times only', () => {
    for (const good of [
      '2024-02-29',
      '2025-12-31',
      '2025-06-01T00:00',
      '2025-06-01T23:59:59.123Z',
      '2025-06-01 10:00+05:30',
    ]) {
      expect(isDateOrDateTime(good), good).toBe(true);
    }
    for (const bad of [
      '2026-02-30',
      '2025-02-29',
      '2025-13-01',
      '2025-00-10',
      '0000-01-01',
      '2025-06-01T24:00',
      '2025-06-01T10:60',
      '2025-06-01T10:00+15:00',
      'yesterday',
      '',
      42,
    ]) {
      expect(isDateOrDateTime(bad), String(bad)).toBe(false);
    }
  });
});

describe('NonBlankText', () => {
  it('refuses blank and overlong text', () => {
    const reason = NonBlankText(10);
    expect(reason.safeParse('Duplicate').success).toBe(true);
    for (const bad of ['', ' ', '\t\n', 'x'.repeat(11)])
      expect(reason.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});

describe('checkAnnotation', () => {
  const print = {
    collector: { type: 'MOTHER', idType: 'NATIONAL_ID', idNumber: '1234567890' },
    identityVerified: true,
    payment: { amount: 5, currency: 'USD', method: 'CASH' },
  };

  it('accepts the annotation of an action that takes one, and no annotation at all', () => {
    expect(checkAnnotation('PRINT_CERTIFICATE', print)).toEqual([]);
    expect(checkAnnotation('ASSIGN', undefined)).toEqual([]);
  });

  it('requires the annotation of a correction request, and of a one-step correction, naming the missing parts', () => {
    for (const missing of [undefined, null]) {
      expect(checkAnnotation('REQUEST_CORRECTION', missing)).toEqual([
        { field: 'annotation', message: expect.stringContaining('required for a correction request') },
      ]);
      expect(checkAnnotation('APPROVE_CORRECTION', missing)).toEqual([
        {
          field: 'annotation',
          message: expect.stringContaining('required for a correction without a pending request'),
        },
      ]);
      expect(checkAnnotation('APPROVE_CORRECTION', missing, { pendingCorrection: false })).toHaveLength(1);
      // Approving a pending request: the request holds who asked and why.
      expect(checkAnnotation('APPROVE_CORRECTION', missing, { pendingCorrection: true })).toEqual([]);
      expect(checkAnnotation('REQUEST_CORRECTION', missing, { pendingCorrection: true })).toHaveLength(1);
      expect(checkAnnotation('REJECT_CORRECTION', missing)).toEqual([]);
    }
    // An empty one names each required part.
    expect(checkAnnotation('REQUEST_CORRECTION', {}).map((e) => e.field)).toEqual([
      'annotation.requester',
      'annotation.reason',
    ]);
    const request = {
      requester: { type: 'MOTHER', identityVerified: true },
      reason: { type: 'CLERICAL_ERROR' },
    };
    expect(checkAnnotation('REQUEST_CORRECTION', request)).toEqual([]);
    expect(checkAnnotation('APPROVE_CORRECTION', request)).toEqual([]);
    expect(checkAnnotation('REQUEST_CORRECTION', { ...request, reason: {} }).map((e) => e.field)).toEqual([
      'annotation.reason.type',
    ]);
  });

  it('refuses any annotation on an action that takes none', () => {
    for (const type of ['ASSIGN', 'REGISTER', 'DECLARE', 'REJECT'] as const) {
      expect(checkAnnotation(type, {})).toEqual([{ field: 'annotation', message: `${type} takes no annotation` }]);
    }
  });

  it('names the bad part of a wrong one, refuses unknown keys, and bounds the size', () => {
    expect(checkAnnotation('PRINT_CERTIFICATE', { ...print, payment: { ...print.payment, amount: -1 } })).toEqual([
      { field: 'annotation.payment.amount', message: expect.any(String) },
    ]);
    expect(checkAnnotation('ISSUE_CERTIFICATE', { ...print, extra: 1 }).length).toBeGreaterThan(0);
    expect(checkAnnotation('PRINT_CERTIFICATE', { ...print, templateId: 'x'.repeat(MAX_ANNOTATION_BYTES) })).toEqual([
      { field: 'annotation', message: `at most ${MAX_ANNOTATION_BYTES} bytes of JSON` },
    ]);
  });
});
