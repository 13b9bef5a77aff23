import { describe, expect, it } from 'vitest';
import { roles } from '../../../../countries/farajaland/src/roles.ts';
import { parseScopes, submitOptions } from './actions.ts';

const scopesOf = (role: string) => parseScopes(roles.find((r) => r.id === role)!.scopes);

describe('submitOptions', () => {
  it('offers each role its furthest action on a new record, and "send incomplete" to those who may notify', () => {
    expect(submitOptions(scopesOf('HOSPITAL_CLERK'), 'birth')).toEqual({ complete: 'DECLARE', incomplete: 'NOTIFY' });
    expect(submitOptions(scopesOf('REGISTRATION_AGENT'), 'birth')).toEqual({
      complete: 'VALIDATE',
      incomplete: 'NOTIFY',
    });
    expect(submitOptions(scopesOf('LOCAL_REGISTRAR'), 'death')).toEqual({ complete: 'REGISTER', incomplete: 'NOTIFY' });
    expect(submitOptions(scopesOf('COMMUNITY_LEADER'), 'birth')).toEqual({ complete: undefined, incomplete: 'NOTIFY' });
    expect(submitOptions(scopesOf('PERFORMANCE_MANAGER'), 'birth')).toEqual({});
  });

  it('follows the record: no NOTIFY once notified, nothing more for a clerk once declared', () => {
    const clerk = scopesOf('HOSPITAL_CLERK');
    expect(submitOptions(clerk, 'birth', { status: 'NOTIFIED', flags: [] })).toEqual({ complete: 'DECLARE' });
    expect(submitOptions(clerk, 'birth', { status: 'DECLARED', flags: [] })).toEqual({});
    expect(submitOptions(clerk, 'birth', { status: 'DECLARED', flags: ['rejected'] })).toEqual({ complete: 'DECLARE' });
    const registrar = scopesOf('LOCAL_REGISTRAR');
    expect(submitOptions(registrar, 'birth', { status: 'DECLARED', flags: ['validated'] })).toEqual({
      complete: 'REGISTER',
    });
    expect(submitOptions(registrar, 'birth', { status: 'DECLARED', flags: ['potential-duplicate'] })).toEqual({});
    expect(submitOptions(registrar, 'birth', { status: 'REGISTERED', flags: [] })).toEqual({});
  });

  it('ignores scopes it cannot parse and scopes for other event types', () => {
    const scopes = parseScopes(['record.declare[event=death]', 'record.nonsense', 'not a scope']);
    expect(scopes).toHaveLength(1);
    expect(submitOptions(scopes, 'birth')).toEqual({});
    expect(submitOptions(scopes, 'death')).toEqual({ complete: 'DECLARE' });
  });
});
