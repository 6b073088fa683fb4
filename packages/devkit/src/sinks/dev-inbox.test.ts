import { describe, expect, it } from 'vitest';
import { serveDevInbox } from './dev-inbox.js';
import type { DevSinks } from './sinks.js';
import type { ReceivedEmail } from './smtp-sink.js';

describe("npm start's development inbox server", () => {
  it('when asked for /emails, then it lists every email the local SMTP server received, newest first, sign-up links included', async () => {
    const email = (to: string, subject: string, text: string, at: string) =>
      ({ to: [to], subject, text, receivedAt: new Date(at) }) as unknown as ReceivedEmail;
    const sinks = {
      twilio: { received: [] },
      fcm: { received: [] },
      smtp: {
        received: [
          email('ada@example.com', 'Hi', 'Hello', '2026-12-06T12:00:00Z'),
          email(
            'me@example.com',
            'Verify your email address for Herald',
            'http://localhost:3000/console/verify-email?token=abc',
            '2026-12-06T12:01:00Z',
          ),
        ],
      },
    } as unknown as Pick<DevSinks, 'twilio' | 'smtp' | 'fcm'>;
    const inbox = await serveDevInbox(sinks);
    try {
      const listed = await (await fetch(`${inbox.url}/emails`)).json();
      expect(listed).toEqual([
        {
          to: ['me@example.com'],
          subject: 'Verify your email address for Herald',
          text: 'http://localhost:3000/console/verify-email?token=abc',
          receivedAt: '2026-12-06T12:01:00.000Z',
        },
        {
          to: ['ada@example.com'],
          subject: 'Hi',
          text: 'Hello',
          receivedAt: '2026-12-06T12:00:00.000Z',
        },
      ]);
    } finally {
      await inbox.close();
    }
  });
});
