import { describe, expect, it } from 'vitest';
import { messageArguments, messageProblem } from './content.ts';

describe('translations checked as ICU messages', () => {
  it('finds the placeholders of plurals, selects and plain arguments', () => {
    expect([...messageArguments('{count, plural, one {# record of {office}} other {# records}} {who}')].sort()).toEqual(
      ['count', 'office', 'who'],
    );
  });

  it('accepts a translation using the placeholders of its reference', () => {
    expect(messageProblem('Toleo {version} linatumika', 'Version {version} is in force')).toBeNull();
    expect(messageProblem('Imehifadhiwa', 'Saved: version {version}')).toBeNull();
  });

  it('refuses a broken message and a placeholder the reference lacks', () => {
    expect(messageProblem('Toleo {version', 'Version {version}')).toMatch(/not a valid ICU message/);
    expect(messageProblem('Toleo {toleo}', 'Version {version}')).toBe(
      '{toleo} is not a placeholder of this message ({version})',
    );
    expect(messageProblem('{n, plural, one {#} other {# {x}}}', '{n, plural, one {#} other {#}}')).toMatch(/\{x\}/);
  });
});
