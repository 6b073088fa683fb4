import { availableParallelism } from 'node:os';
import { generateMasterKey } from '@herald/core';
import { describe, expect, it } from 'vitest';
import { loadWorkerConfig } from './config.js';

describe('the worker configuration', () => {
  const env = { HERALD_MASTER_KEY: generateMasterKey() };
  const twilio = {
    TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
    TWILIO_AUTH_TOKEN: 'token',
    TWILIO_FROM_NUMBER: '+15005550006',
  };

  it('when no provider is configured, then no channel has one, and the object is frozen', () => {
    const config = loadWorkerConfig(env);
    expect(config).toMatchObject({ twilio: undefined, smtp: undefined, fcm: undefined });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('when TWILIO_ACCOUNT_SID comes alone, then it refuses to start, naming each variable it needs', () => {
    expect(() =>
      loadWorkerConfig({ ...env, TWILIO_ACCOUNT_SID: twilio.TWILIO_ACCOUNT_SID }),
    ).toThrow(
      'Invalid configuration:\n' +
        '  TWILIO_AUTH_TOKEN: is required with TWILIO_ACCOUNT_SID\n' +
        '  TWILIO_FROM_NUMBER: is required with TWILIO_ACCOUNT_SID',
    );
  });

  it('when a Twilio account and its backup are configured, then the backup sends from the primary number unless told', () => {
    const config = loadWorkerConfig({
      ...env,
      ...twilio,
      TWILIO_BACKUP_ACCOUNT_SID: `AC${'1'.repeat(32)}`,
      TWILIO_BACKUP_AUTH_TOKEN: 'backup-token',
    });
    expect(config.twilio).toMatchObject({
      accountSid: twilio.TWILIO_ACCOUNT_SID,
      fromNumber: '+15005550006',
      backup: { accountSid: `AC${'1'.repeat(32)}`, fromNumber: '+15005550006' },
    });
  });

  it('when WORKER_PROCESSES is unset, then one process runs, or one per core in production', () => {
    expect(loadWorkerConfig(env).processes).toBe(1);
    expect(loadWorkerConfig({ ...env, NODE_ENV: 'production' }).processes).toBe(
      availableParallelism(),
    );
    expect(
      loadWorkerConfig({ ...env, NODE_ENV: 'production', WORKER_PROCESSES: '3' }).processes,
    ).toBe(3);
  });

  it('when WORKER_PROCESSES is not a whole number of 1 or more, then it refuses to start, naming it', () => {
    for (const value of ['0', '-1', '1.5', 'two'])
      expect(() => loadWorkerConfig({ ...env, WORKER_PROCESSES: value })).toThrow(
        'Invalid configuration:\n  WORKER_PROCESSES: must be a whole number of processes from 1 to 9999',
      );
  });
});
