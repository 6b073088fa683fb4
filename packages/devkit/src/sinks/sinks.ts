import { type FcmSink, startFcmSink } from './fcm-sink.js';
import { type SmtpSink, startSmtpSink } from './smtp-sink.js';
import { startTwilioSink, type TwilioSink } from './twilio-sink.js';

export type DevSinks = {
  twilio: TwilioSink;
  smtp: SmtpSink;
  fcm: FcmSink;
  close(): Promise<void>;
};

export type DevSinksOptions = {
  host?: string;
  /** 0 (the default) picks a free port. */
  ports?: { twilio?: number; smtp?: number; fcm?: number };
};

/**
 * Starts the Twilio, SMTP and FCM sinks together, so the worker's real provider SDKs have
 * somewhere to send in development and tests. If one cannot start, the others are closed.
 *
 * @example
 * const sinks = await startDevSinks();
 * const client = createTwilioClient({ ...sinks.twilio, apiUrl: sinks.twilio.url });
 * // ... send ...
 * expect(sinks.twilio.received[0]?.body).toBe('Hello');
 * await sinks.close();
 */
export async function startDevSinks(options: DevSinksOptions = {}): Promise<DevSinks> {
  const host = options.host ?? '127.0.0.1';
  const ports = options.ports ?? {};
  const started = await Promise.allSettled([
    startTwilioSink({ host, port: ports.twilio ?? 0 }),
    startSmtpSink({ host, port: ports.smtp ?? 0 }),
    startFcmSink({ host, port: ports.fcm ?? 0 }),
  ] as const);
  const [twilio, smtp, fcm] = started;
  if (twilio.status === 'fulfilled' && smtp.status === 'fulfilled' && fcm.status === 'fulfilled') {
    const sinks = { twilio: twilio.value, smtp: smtp.value, fcm: fcm.value };
    return {
      ...sinks,
      close: async () => {
        await Promise.all([sinks.twilio.close(), sinks.smtp.close(), sinks.fcm.close()]);
      },
    };
  }
  await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.close() : undefined)));
  const failure = started.find((s) => s.status === 'rejected');
  throw failure?.reason;
}
