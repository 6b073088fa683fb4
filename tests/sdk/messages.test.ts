import { ConflictError, type Herald, type Message, NotFoundError } from '@herald/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';
import { inMinutes, rejectionOf, sdkClient } from './support.js';

/** `herald.messages` against the real API and workers, over real HTTP. */
describe('SDK: messages', () => {
  let p: Platform;
  let herald: Herald;
  let auth: Record<string, string>;
  beforeAll(async () => {
    p = await startPlatform({ channels: ['sms', 'email'], callbacks: true });
    const client = await sdkClient(p.api, 'SDK messages');
    herald = client.herald;
    auth = client.account.auth;
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await p.close();
  });

  it('send, get, events and content follow one SMS from queued to delivered', async () => {
    const sent = await herald.messages.send({
      channel: 'sms',
      to: '+14155550160',
      body: 'Hello from the SDK',
      metadata: { order: 'A-1' },
    });
    expect(sent).toMatchObject({ object: 'message', status: 'queued', metadata: { order: 'A-1' } });
    await waitForStatus(p, auth, sent.id, 'delivered');
    const got = await herald.messages.get(sent.id);
    expect(got.status).toBe('delivered');
    const events = await herald.messages.events(sent.id);
    expect(events.data.map((e) => e.status)).toEqual(['queued', 'sending', 'sent', 'delivered']);
    expect(await herald.messages.content(sent.id)).toMatchObject({
      channel: 'sms',
      body: 'Hello from the SDK',
    });
  });

  it('a retried send with the same idempotency key is the same message, sent once', async () => {
    const params = { channel: 'sms', to: '+14155550161', body: 'Once only' } as const;
    const first = await herald.messages.send(params, { idempotencyKey: 'sdk-order-7' });
    const again = await herald.messages.send(params, { idempotencyKey: 'sdk-order-7' });
    expect(again.id).toBe(first.id);
    const all: Message[] = [];
    for await (const m of herald.messages.list({ to: '+14155550161' })) all.push(m);
    expect(all).toHaveLength(1);
  });

  it('sendBatch answers one result per message, accepted or refused', async () => {
    const result = await herald.messages.sendBatch({
      messages: [
        { channel: 'sms', to: '+14155550162', body: 'First' },
        { channel: 'sms', to: 'not a number', body: 'Second' },
        { channel: 'email', to: 'ada@example.com', subject: 'Third', text: 'Hello' },
      ],
    });
    expect(result.data.map((item) => [item.index, item.message?.status, item.error?.code])).toEqual(
      [
        [0, 'queued', undefined],
        [1, undefined, 'invalid_phone_number'],
        [2, 'queued', undefined],
      ],
    );
  });

  it('list: await gives one page; for await walks every page', async () => {
    const to = '+14155550163';
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await herald.messages.send({ channel: 'sms', to, body: `n${i}` })).id);
    const page = await herald.messages.list({ to, limit: 2 });
    expect(page.data.map((m) => m.id)).toEqual([ids[4], ids[3]]);
    expect(page.has_more).toBe(true);
    const walked: string[] = [];
    for await (const m of herald.messages.list({ to, limit: 2 })) walked.push(m.id);
    expect(walked).toEqual([...ids].reverse());
    const pages: number[] = [];
    for await (const p2 of herald.messages.list({ to, limit: 2 }).pages())
      pages.push(p2.data.length);
    expect(pages).toEqual([2, 2, 1]);
    const emails: string[] = [];
    for await (const m of herald.messages.list({ channel: 'email' })) emails.push(m.channel);
    expect(emails).toEqual(['email']);
  });

  it('cancel stops a scheduled message; canceling again is a ConflictError', async () => {
    const scheduled = await herald.messages.send({
      channel: 'sms',
      to: '+14155550164',
      body: 'Later',
      send_at: inMinutes(10),
    });
    expect(scheduled.status).toBe('scheduled');
    expect((await herald.messages.cancel(scheduled.id)).status).toBe('canceled');
    const again = await rejectionOf(herald.messages.cancel(scheduled.id));
    expect(again).toBeInstanceOf(ConflictError);
    expect(again).toMatchObject({ code: 'message_not_cancelable', status: 409 });
  });

  it('get of a message that does not exist is a NotFoundError with the request id', async () => {
    const error = await rejectionOf(herald.messages.get('msg_00000000000000000000000000'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'message_not_found', status: 404, param: 'id' });
    expect((error as NotFoundError).requestId).toMatch(/^req_/);
  });
});
