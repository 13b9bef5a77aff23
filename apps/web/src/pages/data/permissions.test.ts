import { describe, expect, it } from 'vitest';
import { permissionsOf } from './permissions.ts';

const agent = permissionsOf([
  'record.declare[event=birth|death,jurisdiction=area]',
  'record.validate[event=birth,jurisdiction=area]',
  'record.reject[event=birth|death]',
  'record.archive',
  'record.unknown-future-scope',
]);

describe('record page permissions', () => {
  it('shows an action only when the state allows it and a scope grants it for the event type', () => {
    const declared = { type: 'birth', status: 'DECLARED' as const, flags: [] };
    expect(agent.can('VALIDATE', declared)).toBe(true);
    expect(agent.can('VALIDATE', { ...declared, type: 'death' })).toBe(false);
    expect(agent.can('REGISTER', declared)).toBe(false);
    expect(agent.can('REJECT', declared)).toBe(true);
    // Already validated: validating again is not allowed, whatever the scopes.
    expect(agent.can('VALIDATE', { ...declared, flags: ['validated'] })).toBe(false);
    // Sent for updates: it may be declared again, not rejected again.
    expect(agent.can('DECLARE', { ...declared, flags: ['rejected'] })).toBe(true);
    expect(agent.can('REJECT', { ...declared, flags: ['rejected'] })).toBe(false);
    expect(agent.can('ARCHIVE', { ...declared, status: 'REGISTERED' })).toBe(false);
  });

  it('lets roles that notify, declare or create start a declaration', () => {
    expect(agent.canCreate('death')).toBe(true);
    expect(permissionsOf(['record.read']).canCreate('birth')).toBe(false);
    expect(permissionsOf(['record.notify[event=death]']).canCreate('birth')).toBe(false);
  });
});
