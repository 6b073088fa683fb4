import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStartConfig, repoRoot } from './start-config.js';

describe("npm start's configuration", () => {
  it('when nothing is set, then it uses the documented ports, the repo state dir, and a local server per channel', () => {
    const config = loadStartConfig({ PATH: '/usr/bin' });
    expect(config).toMatchObject({
      stateDir: path.join(repoRoot, '.herald'),
      sinkPorts: { twilio: 4010, smtp: 2525, fcm: 4011 },
      port: 3000,
      publicUrl: 'http://localhost:3000',
      allowHttpLoopback: true,
      configured: { sms: false, email: false, push: false },
    });
    // The API and the worker inherit the whole environment.
    expect(config.inherited).toEqual({ PATH: '/usr/bin' });
  });

  it('when a provider is configured, then its channel gets no local server', () => {
    const config = loadStartConfig({ SMTP_URL: 'smtp://mail.example.com', PORT: '8080' });
    expect(config.configured).toEqual({ sms: false, email: true, push: false });
    expect(config.publicUrl).toBe('http://localhost:8080');
  });

  it('when a port is not a port, then it refuses to start, naming the variable', () => {
    expect(() => loadStartConfig({ DEV_SINK_SMTP_PORT: 'smtp' })).toThrow(
      /^Invalid configuration:\n {2}DEV_SINK_SMTP_PORT: /,
    );
  });
});
