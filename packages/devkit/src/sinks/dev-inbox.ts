import type { SinkInboxEntry } from '@herald/core';
import { listenHttp, type RunningHttpServer, sendJson } from './http-sink.js';
import type { DevSinks } from './sinks.js';

/**
 * Everything the three local servers received, in the shape of the API's development inbox:
 * each entry keyed by the id the server answered the worker with (its `provider_message_id`).
 */
export function devInboxEntries(
  sinks: Pick<DevSinks, 'twilio' | 'smtp' | 'fcm'>,
): SinkInboxEntry[] {
  const sms = sinks.twilio.received.map(
    (m): SinkInboxEntry => ({
      channel: 'sms',
      providerMessageId: m.sid,
      to: m.to,
      from: m.from,
      receivedAt: m.receivedAt,
      body: m.body,
    }),
  );
  const email = sinks.smtp.received
    .filter((m) => m.messageId !== null)
    .map(
      (m): SinkInboxEntry => ({
        channel: 'email',
        providerMessageId: m.messageId!,
        to: m.to.join(', '),
        from: m.headers.from ?? m.from,
        receivedAt: m.receivedAt,
        subject: m.subject,
        ...(m.text !== null && { text: m.text }),
        ...(m.html !== null && { html: m.html }),
      }),
    );
  const push = sinks.fcm.received.map(
    (m): SinkInboxEntry => ({
      channel: 'push',
      providerMessageId: m.id,
      to: m.token,
      from: null,
      receivedAt: m.receivedAt,
      ...(typeof m.notification?.title === 'string' && { title: m.notification.title }),
      ...(typeof m.notification?.body === 'string' && { body: m.notification.body }),
      ...(m.data !== null && { data: m.data }),
    }),
  );
  return [...sms, ...email, ...push];
}

/**
 * `npm start` serves the entries on loopback (`GET /`) for the API process, which reads them
 * through `DEV_INBOX_URL`, and every email the local SMTP server received (`GET /emails`,
 * newest first) for a developer: Herald's own emails, like the verification link a console
 * sign-up needs before its organisation can send, belong to no account's inbox. It never
 * logs: what it serves is message content.
 */
export function serveDevInbox(
  sinks: Pick<DevSinks, 'twilio' | 'smtp' | 'fcm'>,
  options: { host?: string; port?: number } = {},
): Promise<RunningHttpServer> {
  return listenHttp(
    async (req, res, url) => {
      if (req.method === 'GET' && url.pathname === '/emails')
        return sendJson(
          res,
          200,
          sinks.smtp.received
            .map((m) => ({ to: m.to, subject: m.subject, text: m.text, receivedAt: m.receivedAt }))
            .reverse(),
        );
      if (req.method !== 'GET' || url.pathname !== '/')
        return sendJson(res, 404, { error: 'not found' });
      sendJson(res, 200, devInboxEntries(sinks));
    },
    { host: options.host ?? '127.0.0.1', port: options.port ?? 0 },
  );
}
