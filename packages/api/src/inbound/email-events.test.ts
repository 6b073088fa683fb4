import { ContentVault, DeliveryService, systemClock } from '@herald/core';
import { testIdentifiers } from '@herald/devkit/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_EVENTS_TOKEN, type TestAccount, validEmail } from '../testing/api.harness.js';
import { useApiHarness } from '../testing/use-api-harness.js';

/** Bounces and complaints from the email provider, with its bearer token (EMAIL_EVENTS_TOKEN). */
describe('POST /v1/providers/email/events', () => {
  const h = useApiHarness();
  let account: TestAccount;
  let delivery: DeliveryService;
  let ids = 0;
  beforeAll(async () => {
    account = await h.newAccount('Email events');
    delivery = new DeliveryService({
      usage: h.t.stores.usage,
      vault: new ContentVault({ content: h.t.stores.content, masterKey: h.masterKey }),
      identifiers: testIdentifiers(h.t.stores, h.masterKey),
      clock: systemClock,
    });
  });

  /** An email the worker handed to the mail server, which gave it this Message-ID. */
  const sentEmail = async (to: string) => {
    const res = await h.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ ...validEmail, to })
      .expect(202);
    const messageId = `<${++ids}.${Date.now()}@herald.test>`;
    await delivery.claim(res.body.id);
    await delivery.markSent(res.body.id, {
      provider: 'smtp',
      providerMessageId: messageId,
      sender: null,
    });
    return { id: res.body.id as string, messageId };
  };
  const event = (body: object, token = EMAIL_EVENTS_TOKEN) =>
    h.http.post('/v1/providers/email/events').set('Authorization', `Bearer ${token}`).send(body);
  const message = async (id: string) =>
    (await h.http.get(`/v1/messages/${id}`).set(account.auth).expect(200)).body;
  const suppressed = async (email: string) =>
    (
      await h.http
        .get('/v1/suppressions')
        .query({ channel: 'email', identifier: email })
        .set(account.auth)
        .expect(200)
    ).body.data;

  it('when the token is missing or wrong, then 401 provider_token_invalid', async () => {
    const body = { type: 'complaint', email: 'a@example.com' };
    const none = await h.http.post('/v1/providers/email/events').send(body).expect(401);
    expect(none.body.code).toBe('provider_token_invalid');
    expect((await event(body, 'wrong-token').expect(401)).body.code).toBe('provider_token_invalid');
  });

  it('when a permanent bounce arrives, then the address is suppressed and the email is undelivered (email_bounced)', async () => {
    const { id, messageId } = await sentEmail('Bounced.Person@Example.com');
    await event({
      type: 'bounce',
      email: 'bounced.person@example.com',
      provider_message_id: messageId,
      bounce_type: 'permanent',
      diagnostic: '550 5.1.1 <bounced.person@example.com>: Recipient address rejected',
    }).expect(204);
    expect(await message(id)).toMatchObject({
      status: 'undelivered',
      error_code: 'email_bounced',
      provider_error_code: '5.1.1',
    });
    expect(await suppressed('bounced.person@example.com')).toEqual([
      expect.objectContaining({ reason: 'bounce', identifier_masked: 'b•••@example.com' }),
    ]);
    const refused = await h.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ ...validEmail, to: 'BOUNCED.person@example.com' })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'recipient_suppressed', param: 'to' });
  });

  it('when the provider quotes the Message-ID without brackets and bounce_type is left out, then it is a permanent bounce', async () => {
    const { id, messageId } = await sentEmail('bare@example.com');
    await event({
      type: 'bounce',
      email: 'bare@example.com',
      provider_message_id: messageId.slice(1, -1),
    }).expect(204);
    expect((await message(id)).status).toBe('undelivered');
  });

  it('when a complaint arrives, then the address is suppressed and the email keeps its status', async () => {
    const { id, messageId } = await sentEmail('grumpy@example.com');
    await event({
      type: 'complaint',
      email: 'grumpy@example.com',
      provider_message_id: messageId,
    }).expect(204);
    expect((await message(id)).status).toBe('sent');
    expect((await suppressed('grumpy@example.com'))[0]).toMatchObject({ reason: 'complaint' });
  });

  it('when a transient bounce arrives, then nothing changes', async () => {
    const { id, messageId } = await sentEmail('full.mailbox@example.com');
    await event({
      type: 'bounce',
      email: 'full.mailbox@example.com',
      provider_message_id: messageId,
      bounce_type: 'transient',
    }).expect(204);
    expect((await message(id)).status).toBe('sent');
    expect(await suppressed('full.mailbox@example.com')).toEqual([]);
  });

  it('when the event names no known message, then 404 message_not_found and nothing is suppressed', async () => {
    const unknown = await event({
      type: 'complaint',
      email: 'nobody@example.com',
      provider_message_id: '<unknown@herald.test>',
    }).expect(404);
    expect(unknown.body).toMatchObject({ code: 'message_not_found', param: 'provider_message_id' });
    await event({ type: 'bounce', email: 'nobody@example.com' }).expect(404);
    expect(await suppressed('nobody@example.com')).toEqual([]);
  });

  it('when the event names a message but another address, then 422 naming email and nothing is suppressed', async () => {
    const { id, messageId } = await sentEmail('real.recipient@example.com');
    const res = await event({
      type: 'complaint',
      email: 'someone.else@example.com',
      provider_message_id: messageId,
    }).expect(422);
    expect(res.body).toMatchObject({ code: 'invalid_value', param: 'email' });
    expect(await suppressed('someone.else@example.com')).toEqual([]);
    expect(await suppressed('real.recipient@example.com')).toEqual([]);
    expect((await message(id)).status).toBe('sent');
    // The same event about the message's own address, written in capitals, is taken.
    await event({
      type: 'complaint',
      email: 'Real.Recipient@Example.com',
      provider_message_id: messageId,
    }).expect(204);
    expect(await suppressed('real.recipient@example.com')).toHaveLength(1);
  });

  it('when the event is malformed, then 422 naming the field', async () => {
    const res = await event({ type: 'bounce', email: 'not an address' }).expect(422);
    expect(res.body).toMatchObject({ code: 'invalid_email_address', param: 'email' });
    const extra = await event({ type: 'bounce', email: 'a@example.com', extra: 1 }).expect(422);
    expect(extra.body.code).toBe('unknown_field');
  });

  it('the logs carry no address', () => {
    const logs = h.logs.join('\n');
    for (const address of ['bounced.person', 'grumpy@example.com', 'full.mailbox'])
      expect(logs).not.toContain(address);
  });
});
