import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from './smtp-sink.js';

/** A bare SMTP client: the sink is tested on the wire, not through nodemailer. */
async function connect(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  const replies: string[] = [];
  const waiting: Array<(reply: string) => void> = [];
  let buffer = '';
  let lines: string[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let end = buffer.indexOf('\r\n');
    while (end >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      lines.push(line);
      // A reply ends on the line whose code is followed by a space, not a dash.
      if (/^\d{3}( |$)/.test(line)) {
        const reply = lines.join('\n');
        lines = [];
        const waiter = waiting.shift();
        if (waiter) waiter(reply);
        else replies.push(reply);
      }
      end = buffer.indexOf('\r\n');
    }
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  const next = () =>
    new Promise<string>((resolve) => {
      const reply = replies.shift();
      if (reply !== undefined) resolve(reply);
      else waiting.push(resolve);
    });
  const greeting = await next();
  return {
    greeting,
    closed,
    send: (line: string) => {
      socket.write(`${line}\r\n`);
      return next();
    },
    end: () => socket.destroy(),
  };
}

const rawMessage = [
  'From: Herald <noreply@example.com>',
  'To: Ada <ada@example.com>',
  'Subject: =?UTF-8?B?8J+OiSBDYWbDqQ==?=',
  'Message-ID: <abc@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  'Grüße aus Köln',
  '.',
].join('\r\n');

describe('SMTP sink', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  afterEach(() => sink.clear());

  async function session() {
    const c = await connect(sink.port);
    await c.send('EHLO test.local');
    return c;
  }

  it('greets with 220, offers AUTH and no STARTTLS, and has an smtp:// url', async () => {
    const c = await connect(sink.port);
    expect(c.greeting).toMatch(/^220 /);
    const ehlo = await c.send('EHLO test.local');
    expect(ehlo).toMatch(/^250/);
    expect(ehlo).toMatch(/AUTH/);
    expect(ehlo).not.toMatch(/STARTTLS/);
    expect(sink.url).toBe(`smtp://127.0.0.1:${sink.port}`);
    c.end();
  });

  it('when a message is sent, then it is parsed and kept with its envelope and decoded headers', async () => {
    const c = await session();
    expect(await c.send('MAIL FROM:<bounces@example.com>')).toMatch(/^250/);
    expect(await c.send('RCPT TO:<ada@example.com>')).toMatch(/^250/);
    expect(await c.send('DATA')).toMatch(/^354/);
    expect(await c.send(rawMessage)).toMatch(/^250/);
    c.end();
    expect(sink.received).toEqual([
      {
        id: expect.any(String),
        envelope: { from: 'bounces@example.com', to: ['ada@example.com'] },
        from: 'noreply@example.com',
        to: ['ada@example.com'],
        subject: '🎉 Café',
        // The line break before the final dot belongs to the message.
        text: 'Grüße aus Köln\n',
        html: null,
        messageId: '<abc@example.com>',
        headers: expect.objectContaining({
          subject: '🎉 Café',
          from: '"Herald" <noreply@example.com>',
          to: '"Ada" <ada@example.com>',
          'content-type': 'text/plain; charset=utf-8',
        }),
        rawHeaders: expect.objectContaining({ 'message-id': '<abc@example.com>' }),
        raw: expect.any(Buffer),
        receivedAt: expect.any(Date),
      },
    ]);
  });

  it.each([
    ['bounce@example.com', /^550 /],
    ['BOUNCE+tag@example.com', /^550 /],
    ['defer@example.com', /^451 /],
    ['someone@example.com', /^250 /],
  ])('when RCPT TO is %s, then the sink answers %s', async (address, reply) => {
    const c = await session();
    await c.send('MAIL FROM:<noreply@example.com>');
    expect(await c.send(`RCPT TO:<${address}>`)).toMatch(reply);
    c.end();
  });

  it('when failNext 421 at connect, then the greeting is 421 and the connection closes', async () => {
    sink.failNext({ count: 1, code: 421, stage: 'connect' });
    const c = await connect(sink.port);
    expect(c.greeting).toMatch(/^421 /);
    await c.closed;
    const again = await connect(sink.port);
    expect(again.greeting).toMatch(/^220 /);
    again.end();
  });

  it('when failNext 451 (at MAIL FROM by default), then count messages are refused, then it recovers', async () => {
    sink.failNext({ count: 2, code: 451 });
    const c = await session();
    expect(await c.send('MAIL FROM:<a@example.com>')).toMatch(/^451 /);
    expect(await c.send('MAIL FROM:<a@example.com>')).toMatch(/^451 /);
    expect(await c.send('MAIL FROM:<a@example.com>')).toMatch(/^250 /);
    c.end();
  });

  it('when failNext 550 at DATA, then the message is refused after it was sent and not kept', async () => {
    sink.failNext({ count: 1, code: 550, stage: 'data' });
    const c = await session();
    await c.send('MAIL FROM:<noreply@example.com>');
    await c.send('RCPT TO:<ada@example.com>');
    await c.send('DATA');
    expect(await c.send(rawMessage)).toMatch(/^550 /);
    c.end();
    expect(sink.received).toEqual([]);
  });

  it('when the sink has credentials, then wrong ones are refused with 535 and right ones accepted', async () => {
    const strict = await startSmtpSink({ auth: { user: 'herald', pass: 'secret' } });
    try {
      const plain = (user: string, pass: string) =>
        Buffer.from(`\0${user}\0${pass}`).toString('base64');
      const c = await connect(strict.port);
      await c.send('EHLO test.local');
      expect(await c.send(`AUTH PLAIN ${plain('herald', 'wrong')}`)).toMatch(/^535 /);
      expect(await c.send(`AUTH PLAIN ${plain('herald', 'secret')}`)).toMatch(/^235 /);
      c.end();
    } finally {
      await strict.close();
    }
  });
});
