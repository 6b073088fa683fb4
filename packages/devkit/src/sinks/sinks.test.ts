import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startDevSinks } from './sinks.js';
import { startTwilioSink } from './twilio-sink.js';

describe('startDevSinks', () => {
  it('starts the three sinks on free ports and closes them all', async () => {
    const sinks = await startDevSinks();
    expect(sinks.twilio.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sinks.twilio.accountSid).toMatch(/^AC[0-9a-f]{32}$/);
    expect(sinks.smtp.url).toBe(`smtp://127.0.0.1:${sinks.smtp.port}`);
    expect(sinks.fcm.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sinks.fcm.projectId).toBe('herald-dev');
    const ports = [sinks.twilio.port, sinks.smtp.port, sinks.fcm.port];
    expect(new Set(ports).size).toBe(3);

    const listing = await fetch(`${sinks.fcm.url}/__sink/messages`);
    expect(await listing.json()).toEqual({ messages: [] });

    await sinks.close();
    for (const port of ports) expect(await isListening(port)).toBe(false);
  });

  it('when a port is taken, then it fails and leaves none of the others running', async () => {
    const blocker = await startTwilioSink();
    const smtpPort = await freePort();
    try {
      await expect(
        startDevSinks({ ports: { twilio: blocker.port, smtp: smtpPort } }),
      ).rejects.toThrow(/EADDRINUSE/);
      expect(await isListening(smtpPort)).toBe(false);
    } finally {
      await blocker.close();
    }
  });
});

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
