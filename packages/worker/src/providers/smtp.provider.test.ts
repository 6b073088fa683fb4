import net from 'node:net';
import type { EmailContent } from '@herald/core';
import { type SmtpSink, startSmtpSink } from '@herald/devkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type EmailProvider, type Outbound, ProviderError } from './provider.js';
import { createSmtpProvider, createSmtpTransport } from './smtp.provider.js';

const FROM = 'Herald <noreply@herald.example>';

const email = (
  to: string,
  content: Partial<EmailContent> = {},
  from: string | null = null,
): Outbound<EmailContent> => ({
  messageId: 'msg_test',
  to,
  from,
  content: { channel: 'email', subject: 'Your receipt', text: 'Thanks!', ...content },
});

/**
 * Sends, expects a ProviderError naming the provider, and checks its detail quotes neither
 * address nor content.
 */
async function failure(provider: EmailProvider, message: Outbound<EmailContent>) {
  const err = await provider.send(message).then(
    () => expect.unreachable('the send should have failed'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  const pe = err as ProviderError;
  expect(pe.provider).toBe(provider.name);
  if (message.to) {
    expect(pe.detail).not.toContain(message.to);
    expect(pe.detail).not.toContain(message.to.split('@')[0]);
  }
  expect(pe.detail).not.toContain(message.content.subject);
  return pe;
}

describe('SMTP provider, real nodemailer transport against the SMTP sink', () => {
  let sink: SmtpSink;
  let provider: EmailProvider;
  beforeAll(async () => {
    sink = await startSmtpSink();
    provider = createSmtpProvider(createSmtpTransport(sink.url, { timeoutMs: 2000 }), {
      defaultFrom: FROM,
    });
  });
  afterAll(() => sink.close());
  afterEach(() => sink.clear());

  it('when an email is sent, then the sink parses back exactly its subject, text, html and recipient', async () => {
    const content = {
      subject: '🎉 Ihre Bestellung ist unterwegs — Grüße aus Köln',
      text: 'Hallo Zoë,\nIhre Bestellung №42 ist unterwegs. 日本語も大丈夫。',
      html: '<p>Hallo <b>Zoë</b>, Ihre Bestellung №42 ist unterwegs 🚚</p>',
    };
    const result = await provider.send(email('zoë.müller@example.com', content));
    expect(sink.received).toHaveLength(1);
    const got = sink.received[0]!;
    expect(got.subject).toBe(content.subject);
    expect(got.text).toBe(content.text);
    expect(got.html).toBe(content.html);
    expect(got.to).toEqual(['zoë.müller@example.com']);
    expect(got.envelope.to).toEqual(['zoë.müller@example.com']);
    expect(got.from).toBe('noreply@herald.example');
    expect(got.headers.from).toBe('"Herald" <noreply@herald.example>');
    expect(result).toEqual({ providerMessageId: got.messageId, sender: FROM });
    expect(result.providerMessageId).toMatch(/^<.+@.+>$/);
  });

  it('when only text is given, then no html part is sent', async () => {
    await provider.send(email('ada@example.com', { text: 'Plain only' }));
    // A single-part message ends with the line break nodemailer puts before SMTP's final dot.
    expect(sink.received[0]).toMatchObject({ text: 'Plain only\n', html: null });
  });

  it('when the message names a sender, then it is used instead of the default', async () => {
    const result = await provider.send(email('ada@example.com', {}, 'billing@herald.example'));
    expect(sink.received[0]?.from).toBe('billing@herald.example');
    expect(sink.received[0]?.envelope.from).toBe('billing@herald.example');
    expect(result.sender).toBe('billing@herald.example');
  });

  it('when the message has a checked sender with a display name and reply-to, then nodemailer gets the objects: the address is exactly the one checked', async () => {
    await provider.send(
      email(
        'ada@example.com',
        { fromName: 'Acme, "Billing"', replyTo: { name: 'Help', address: 'help@herald.example' } },
        'billing@herald.example',
      ),
    );
    const got = sink.received[0]!;
    expect(got.envelope.from).toBe('billing@herald.example');
    expect(got.headers.from).toBe('"Acme, \\"Billing\\"" <billing@herald.example>');
    expect(got.headers['reply-to']).toBe('"Help" <help@herald.example>');
  });

  it('when the sender is a raw string rather than one checked address, then it is refused permanently and nothing is sent', async () => {
    const err = await failure(
      provider,
      email('ada@example.com', {}, 'MARK5 x@evil.example, <a@example.com>'),
    );
    expect(err).toMatchObject({ kind: 'permanent', code: 'provider_rejected' });
    expect(sink.received).toEqual([]);
  });

  it('when the server refuses the recipient with 550, then a permanent invalid_recipient error', async () => {
    const err = await failure(provider, email('bounce+ada.lovelace@example.com'));
    expect(err).toMatchObject({ kind: 'permanent', code: 'invalid_recipient' });
    expect(err.options.providerCode).toBe(550);
    expect(sink.received).toEqual([]);
  });

  it('when the server defers the recipient with 451, then a transient provider_unavailable error', async () => {
    const err = await failure(provider, email('defer+ada.lovelace@example.com'));
    expect(err).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
    expect(err.options.providerCode).toBe(451);
  });

  it.each([
    [421, 'connect'],
    [451, 'mail'],
    [451, 'data'],
  ] as const)(
    'when the server answers %s at %s, then a transient provider_unavailable error',
    async (code, stage) => {
      sink.failNext({ count: 1, code, stage });
      const err = await failure(provider, email('ada@example.com'));
      expect(err).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
      expect(err.options.providerCode).toBe(code);
    },
  );

  it.each([
    ['mail', 'MAIL FROM'],
    ['data', 'DATA'],
  ] as const)(
    'when the server answers 550 at %s, then a permanent provider_rejected error',
    async (stage, command) => {
      sink.failNext({ count: 1, code: 550, stage });
      const err = await failure(provider, email('ada@example.com'));
      expect(err).toMatchObject({ kind: 'permanent', code: 'provider_rejected' });
      expect(err.detail).toContain(command);
      expect(sink.received).toEqual([]);
    },
  );

  it('when the server refuses the credentials, then a permanent provider_auth_failed error', async () => {
    const strict = await startSmtpSink({ auth: { user: 'herald', pass: 's3cret' } });
    try {
      const url = `smtp://herald:wrong-pass@127.0.0.1:${strict.port}`;
      const wrong = createSmtpProvider(createSmtpTransport(url), { defaultFrom: FROM });
      const err = await failure(wrong, email('ada@example.com'));
      expect(err).toMatchObject({ kind: 'permanent', code: 'provider_auth_failed' });
      expect(err.detail).not.toContain('wrong-pass');

      const right = `smtp://herald:s3cret@127.0.0.1:${strict.port}`;
      await createSmtpProvider(createSmtpTransport(right), { defaultFrom: FROM }).send(
        email('ada@example.com'),
      );
      expect(strict.received).toHaveLength(1);
    } finally {
      await strict.close();
    }
  });

  it('when nodemailer cannot use the recipient address at all, then a permanent invalid_recipient error', async () => {
    const err = await failure(provider, email(''));
    expect(err).toMatchObject({ kind: 'permanent', code: 'invalid_recipient' });
    expect(err.options.providerCode).toBe('EENVELOPE');
  });

  it('when nothing listens, then a transient provider_unavailable error', async () => {
    const gone = await startSmtpSink();
    await gone.close();
    const down = createSmtpProvider(createSmtpTransport(gone.url), { defaultFrom: FROM });
    const err = await failure(down, email('ada@example.com'));
    expect(err).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
  });

  it('when the server accepts the connection but never greets, then a transient error after the timeout', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const transport = createSmtpTransport(`smtp://127.0.0.1:${port}`, { timeoutMs: 300 });
      const started = Date.now();
      const err = await failure(
        createSmtpProvider(transport, { defaultFrom: FROM }),
        email('ada@example.com'),
      );
      expect(err).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
      expect(err.options.providerCode).toBe('ETIMEDOUT');
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
