import { describe, expect, it } from 'vitest';
import { grantedJurisdiction, parseScope, ScopeString, SCOPE_NAMES, type Scope } from './scopes.ts';

const scopes = (...texts: string[]): Scope[] => texts.map(parseScope);

describe('parseScope', () => {
  it('parses a plain scope: every event, area jurisdiction', () => {
    expect(parseScope('record.register')).toEqual({ name: 'record.register', events: null, jurisdiction: 'area' });
  });

  it('parses every known scope name', () => {
    for (const name of SCOPE_NAMES) expect(parseScope(name).name).toBe(name);
  });

  it('parses event and jurisdiction options', () => {
    expect(parseScope('record.register[event=birth|death,jurisdiction=all]')).toEqual({
      name: 'record.register',
      events: ['birth', 'death'],
      jurisdiction: 'all',
    });
  });

  it('parses one option alone, keeping the default of the other', () => {
    expect(parseScope('record.read[event=birth]')).toEqual({
      name: 'record.read',
      events: ['birth'],
      jurisdiction: 'area',
    });
    expect(parseScope('record.read[jurisdiction=office]')).toEqual({
      name: 'record.read',
      events: null,
      jurisdiction: 'office',
    });
  });

  it('accepts empty brackets and surrounding spaces', () => {
    expect(parseScope('record.read[]')).toEqual({ name: 'record.read', events: null, jurisdiction: 'area' });
    expect(parseScope('  record.read[event = birth , jurisdiction = all]  ')).toEqual({
      name: 'record.read',
      events: ['birth'],
      jurisdiction: 'all',
    });
  });

  it('refuses text that is not shaped like a scope', () => {
    expect(() => parseScope('register')).toThrow(/is not a scope/);
    expect(() => parseScope('record.register[event=birth')).toThrow(/is not a scope/);
    expect(() => parseScope('Record.Register')).toThrow(/is not a scope/);
    expect(() => parseScope('')).toThrow(/is not a scope/);
  });

  it('refuses an unknown scope name', () => {
    expect(() => parseScope('record.regster')).toThrow('"record.regster" is not a known scope');
    expect(() => parseScope('record.register-all[event=birth]')).toThrow(/is not a known scope/);
  });

  it('refuses an unknown option', () => {
    expect(() => parseScope('record.register[events=birth]')).toThrow(/unknown option "events=birth"/);
    expect(() => parseScope('record.register[birth]')).toThrow(/unknown option "birth"/);
  });

  it('refuses an option without a value', () => {
    expect(() => parseScope('record.register[event=]')).toThrow(/unknown option/);
    expect(() => parseScope('record.register[jurisdiction=]')).toThrow(/unknown option/);
  });

  it('refuses an unknown jurisdiction', () => {
    expect(() => parseScope('record.register[jurisdiction=country]')).toThrow();
  });
});

describe('ScopeString', () => {
  it('accepts scopes that parse', () => {
    expect(ScopeString.safeParse('record.register[event=birth,jurisdiction=all]').success).toBe(true);
    expect(ScopeString.safeParse('user.read').success).toBe(true);
  });

  it('refuses a typo with the parser message', () => {
    const result = ScopeString.safeParse('record.registr');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe('"record.registr" is not a known scope');
  });

  it('refuses a typo in an option', () => {
    expect(ScopeString.safeParse('record.register[jurisdicton=all]').success).toBe(false);
    expect(ScopeString.safeParse('record.register[jurisdiction=al]').success).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(ScopeString.safeParse(42).success).toBe(false);
  });
});

describe('grantedJurisdiction', () => {
  it('is null when no scope grants the name', () => {
    expect(grantedJurisdiction(scopes('record.read', 'record.declare'), 'record.register', 'birth')).toBeNull();
    expect(grantedJurisdiction([], 'record.read')).toBeNull();
  });

  it('is the jurisdiction of the one scope that grants it', () => {
    expect(grantedJurisdiction(scopes('record.register[jurisdiction=office]'), 'record.register', 'birth')).toBe(
      'office',
    );
  });

  it('picks the widest of several grants, whatever their order', () => {
    const texts = ['record.read[jurisdiction=office]', 'record.read[jurisdiction=all]', 'record.read'];
    expect(grantedJurisdiction(scopes(...texts), 'record.read', 'birth')).toBe('all');
    expect(grantedJurisdiction(scopes(...texts.reverse()), 'record.read', 'birth')).toBe('all');
    expect(grantedJurisdiction(scopes('record.read[jurisdiction=office]', 'record.read'), 'record.read')).toBe('area');
  });

  it('ignores scopes limited to other event types', () => {
    const granted = scopes(
      'record.register[event=death,jurisdiction=all]',
      'record.register[event=birth,jurisdiction=office]',
    );
    expect(grantedJurisdiction(granted, 'record.register', 'birth')).toBe('office');
    expect(grantedJurisdiction(granted, 'record.register', 'death')).toBe('all');
    expect(grantedJurisdiction(granted, 'record.register', 'marriage')).toBeNull();
  });

  it('counts a scope without an event filter for every event type', () => {
    expect(grantedJurisdiction(scopes('record.register'), 'record.register', 'marriage')).toBe('area');
  });

  it('counts event-limited scopes when no event type is asked about', () => {
    expect(grantedJurisdiction(scopes('record.register[event=birth,jurisdiction=all]'), 'record.register')).toBe('all');
  });
});
