import { ConfigError, generateMasterKey } from '@herald/core';
import { describe, expect, it } from 'vitest';
import { loadApiConfig } from './config.js';

describe('the API configuration', () => {
  const env = { HERALD_MASTER_KEY: generateMasterKey() };

  it('when only the master key is set, then every other value has its default, and the object is frozen', () => {
    const config = loadApiConfig(env);
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      publicUrl: 'http://localhost:3000',
      cookies: { secure: true, https: false },
      trustProxy: false,
      twilioAuthTokens: [],
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('when values are set, then the config is made from them (empty strings count as unset)', () => {
    const config = loadApiConfig({
      ...env,
      PORT: '8080',
      HERALD_PUBLIC_URL: 'https://herald.example.com',
      TRUST_PROXY: '2',
      TWILIO_BACKUP_AUTH_TOKEN: 'backup-token',
      CONSOLE_DIR: '',
    });
    expect(config).toMatchObject({
      port: 8080,
      publicUrl: 'https://herald.example.com',
      cookies: { https: true },
      trustProxy: 2,
      twilioAuthTokens: ['backup-token'],
      consoleDir: undefined,
    });
  });

  it('when variables are wrong, then it refuses to start with one line naming each', () => {
    const load = () => loadApiConfig({ PORT: 'eighty', EMAIL_EVENTS_TOKEN: 'short' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/^Invalid configuration:\n {2}HERALD_MASTER_KEY: is required: /m);
    expect(load).toThrow(/\n {2}PORT: /);
    expect(load).toThrow(/\n {2}EMAIL_EVENTS_TOKEN: must be at least 24 characters/);
  });

  it('when DEV_INBOX_URL is set in production, then it refuses to start, naming it', () => {
    const inbox = { ...env, DEV_INBOX_URL: 'http://127.0.0.1:4020' };
    expect(() => loadApiConfig({ ...inbox, NODE_ENV: 'production' })).toThrow(
      'Invalid configuration:\n  DEV_INBOX_URL: never set in production',
    );
    expect(loadApiConfig(inbox).devInboxUrl).toBe('http://127.0.0.1:4020');
  });

  it('when API_PROCESSES is given, then that many run; a bad value is refused, naming it', () => {
    expect(loadApiConfig(env).processes).toBe(1);
    expect(loadApiConfig({ ...env, API_PROCESSES: '4' }).processes).toBe(4);
    expect(() => loadApiConfig({ ...env, API_PROCESSES: '0' })).toThrow(
      'Invalid configuration:\n  API_PROCESSES: must be a whole number of processes from 1 to 9999',
    );
  });
});
