import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readBody } from './http-sink.js';
import { startTwilioSink, type TwilioSink } from './twilio-sink.js';

type Seen = {
  url: string;
  signature: string | undefined;
  type: string | undefined;
  form: Record<string, string>;
};

/** Stands in for Herald: records what the sink posts and answers with `reply`. */
async function startReceiver(reply: (form: Record<string, string>) => string) {
  const seen: Seen[] = [];
  const server: Server = createServer(async (req, res) => {
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    seen.push({
      url: req.url ?? '',
      signature: req.headers['x-twilio-signature'] as string | undefined,
      type: req.headers['content-type'],
      form,
    });
    res.writeHead(200, { 'content-type': 'text/xml' }).end(reply(form));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('the Twilio sink calls back like Twilio', () => {
  let sink: TwilioSink;
  let herald: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    herald = await startReceiver((form) =>
      form.Body === 'HELP'
        ? '<?xml version="1.0"?><Response><Message>Acme: help &amp; info at acme.test</Message></Response>'
        : '<Response/>',
    );
    sink = await startTwilioSink();
    sink.inboundUrl = `${herald.url}/v1/providers/twilio/inbound`;
  });
  afterAll(async () => {
    await sink.close();
    await herald.close();
  });
  afterEach(() => {
    sink.clear();
    herald.seen.length = 0;
  });

  const send = (to: string, statusCallback?: string) =>
    fetch(`${sink.url}/2010-04-01/Accounts/${sink.accountSid}/Messages.json`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${sink.accountSid}:${sink.authToken}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        To: to,
        From: '+15005550006',
        Body: 'Hi',
        ...(statusCallback && { StatusCallback: statusCallback }),
      }),
    });
  const isSigned = (s: Seen) =>
    twilio.validateRequest(sink.authToken, s.signature ?? '', `${herald.url}${s.url}`, s.form);

  it('when a message has a StatusCallback, then it posts sent then delivered, form-encoded and signed for that URL', async () => {
    const callback = `${herald.url}/v1/providers/twilio/status?message_id=msg_1`;
    const created = (await (await send('+14155550100', callback)).json()) as { sid: string };
    await sink.settled();
    expect(herald.seen.map((s) => [s.url, s.form.MessageStatus, s.form.MessageSid])).toEqual([
      ['/v1/providers/twilio/status?message_id=msg_1', 'sent', created.sid],
      ['/v1/providers/twilio/status?message_id=msg_1', 'delivered', created.sid],
    ]);
    for (const s of herald.seen) {
      expect(s.type).toMatch(/^application\/x-www-form-urlencoded/);
      expect(isSigned(s)).toBe(true);
      expect(s.form).toMatchObject({ AccountSid: sink.accountSid, To: '+14155550100' });
      expect(s.form.ErrorCode).toBeUndefined();
    }
    expect(twilio.validateRequest('another-token', herald.seen[0]!.signature!, callback, {})).toBe(
      false,
    );
    expect(sink.callbacks.map((c) => [c.status, c.responseStatus])).toEqual([
      ['sent', 200],
      ['delivered', 200],
    ]);
  });

  it.each([
    ['+15005553001', 'failed', '30001'],
    ['+15005553003', 'undelivered', '30003'],
    ['+15005553005', 'undelivered', '30005'],
    ['+15005553006', 'undelivered', '30006'],
    ['+15005553007', 'undelivered', '30007'],
    ['+15005553008', 'undelivered', '30008'],
  ])(
    'when the recipient is the magic %s, then it ends %s with ErrorCode %s',
    async (to, status, code) => {
      await send(to, `${herald.url}/cb`);
      await sink.settled();
      expect(herald.seen.map((s) => [s.form.MessageStatus, s.form.ErrorCode])).toEqual([
        ['sent', undefined],
        [status, code],
      ]);
    },
  );

  it('when a message has no StatusCallback, then nothing is posted', async () => {
    await send('+14155550100');
    await sink.settled();
    expect(herald.seen).toEqual([]);
  });

  it('when an end user texts a number, then the inbound webhook gets a signed form and a TwiML reply is kept as sent', async () => {
    const answer = await sink.sendInbound({
      from: '+14155550123',
      to: '+15005550006',
      body: 'HELP',
    });
    expect(answer.status).toBe(200);
    const [posted] = herald.seen;
    expect(posted).toMatchObject({
      url: '/v1/providers/twilio/inbound',
      form: { From: '+14155550123', To: '+15005550006', Body: 'HELP', SmsStatus: 'received' },
    });
    expect(isSigned(posted!)).toBe(true);
    expect(posted!.form.MessageSid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(answer.replies).toEqual([
      expect.objectContaining({
        to: '+14155550123',
        from: '+15005550006',
        body: 'Acme: help & info at acme.test',
        direction: 'outbound-reply',
      }),
    ]);
    expect(sink.received).toEqual(answer.replies);
  });

  it('when the answer is an empty Response, then nothing is kept', async () => {
    const answer = await sink.sendInbound({ from: '+14155550123', to: '+15005550006', body: 'hi' });
    expect(answer).toMatchObject({ status: 200, replies: [] });
    expect(sink.received).toEqual([]);
  });

  it('POST /__sink/inbound lets a developer text a number with curl', async () => {
    const res = await fetch(`${sink.url}/__sink/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+14155550123', to: '+15005550006', body: 'HELP' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 200,
      replies: [expect.objectContaining({ body: 'Acme: help & info at acme.test' })],
    });
    const bad = await fetch(`${sink.url}/__sink/inbound`, { method: 'POST', body: '{}' });
    expect(bad.status).toBe(400);
  });

  it('without an inbound URL, sendInbound says so; a callback URL that never answers does not hold close()', async () => {
    const lonely = await startTwilioSink();
    await expect(lonely.sendInbound({ from: '+1', to: '+2', body: 'x' })).rejects.toThrow(
      /inboundUrl/,
    );
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    await fetch(`${lonely.url}/2010-04-01/Accounts/${lonely.accountSid}/Messages.json`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${lonely.accountSid}:${lonely.authToken}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        To: '+14155550100',
        From: '+15005550006',
        Body: 'x',
        StatusCallback: `http://127.0.0.1:${port}/cb`,
      }),
    });
    await lonely.close();
    silent.closeAllConnections();
    silent.close();
  });
});
