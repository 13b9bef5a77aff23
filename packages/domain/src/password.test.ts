import { describe, expect, it } from 'vitest';
import { StrongPassword, passwordProblems } from './password.ts';

describe('password policy', () => {
  it('accepts 12 characters with an uppercase letter, a lowercase letter and a digit', () => {
    expect(passwordProblems('Abcdefghijk1')).toEqual([]);
    expect(StrongPassword.safeParse('Abcdefghijk1').success).toBe(true);
    expect(passwordProblems('Émile-Zola-1840')).toEqual([]);
  });

  it('names each unmet rule', () => {
    expect(passwordProblems('Abcdefghij1')).toEqual(['must be at least 12 characters long']);
    expect(passwordProblems('Abcdefghijkl')).toEqual(['must contain a digit']);
    expect(passwordProblems('abcdefghijk1')).toEqual(['must contain an uppercase letter']);
    expect(passwordProblems('ABCDEFGHIJK1')).toEqual(['must contain a lowercase letter']);
    expect(passwordProblems('test')).toHaveLength(3);
    expect(passwordProblems(`A1${'a'.repeat(255)}`)).toEqual(['must be at most 256 characters long']);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblems('Ab1😀😀😀😀😀')).toEqual(['must be at least 12 characters long']);
  });

  it('reports every problem as a zod issue', () => {
    const result = StrongPassword.safeParse('short');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'must be at least 12 characters long',
      'must contain an uppercase letter',
      'must contain a digit',
    ]);
  });
});
