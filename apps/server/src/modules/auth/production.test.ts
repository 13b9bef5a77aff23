import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../../lib/env.ts';
import { countUsers } from '../users/repository.ts';
import { startTestRuntime, type TestRuntime } from '../../test/harness.ts';

describe('production guard', () => {
  it('refuses AUTH_DEV_CODE with NODE_ENV=production', () => {
    expect(() => readEnv({ NODE_ENV: 'production', AUTH_DEV_CODE: '000000' })).toThrow(/AUTH_DEV_CODE/);
    const transport = { NOTIFICATION_TRANSPORT: 'smtp', SMTP_URL: 'smtp://mail', NOTIFICATION_FROM: 'a@b.example' };
    expect(readEnv({ NODE_ENV: 'production', ...transport }).authDevCode).toBeUndefined();
    expect(readEnv({ NODE_ENV: 'production', SEED_DEMO_USERS: 'true', ...transport }).seedDemoUsers).toBe(false);
  });

  it('refuses an unknown notification transport', () => {
    expect(() => readEnv({ NOTIFICATION_TRANSPORT: 'carrier-pigeon' })).toThrow(/NOTIFICATION_TRANSPORT/);
  });

  describe('a production runtime', () => {
    let runtime: TestRuntime;
    beforeAll(async () => {
      runtime = await startTestRuntime({ NODE_ENV: 'production', AUTH_DEV_CODE: '' });
    });
    afterAll(async () => {
      await runtime?.close();
    });

    it('has no users, so the demo password logs nobody in', async () => {
      expect(runtime.ctx.env.authDevCode).toBeUndefined();
      expect(await countUsers(runtime.ctx.db)).toBe(0);
      const response = await runtime.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'k.mweene', password: 'test' },
      });
      expect(response.statusCode).toBe(401);
    });
  });
});
