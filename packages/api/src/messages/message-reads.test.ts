import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiHarness,
  startApiHarness,
  type TestAccount,
  validEmail,
  validPush,
  validSms,
} from '../testing/api.harness.js';

describe('reading messages', () => {
  let h: ApiHarness;
  let alice: TestAccount;
  let bob: TestAccount;
  const aliceIds: string[] = [];

  beforeAll(async () => {
    h = await startApiHarness();
    alice = await h.newAccount('Alice Inc');
    bob = await h.newAccount('Bob Ltd');
    for (const body of [
      validSms,
      validEmail,
      validPush,
      { ...validSms, to: '+447700900123' },
      { ...validEmail, to: 'Grace@Example.com' },
    ]) {
      const res = await h.http.post('/v1/messages').set(alice.auth).send(body).expect(202);
      aliceIds.push(res.body.id);
    }
    await h.http.post('/v1/messages').set(bob.auth).send(validSms).expect(202);
  });
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await h.close();
  });

  it('when a message is accepted, then it is queued with its status event and its job', async () => {
    const id = aliceIds[0]!;
    const message = await h.http.get(`/v1/messages/${id}`).set(alice.auth).expect(200);
    expect(message.body).toMatchObject({
      id,
      object: 'message',
      channel: 'sms',
      to: validSms.to,
      status: 'queued',
      content_stored: true,
      error_code: null,
    });
    const events = await h.http.get(`/v1/messages/${id}/events`).set(alice.auth).expect(200);
    expect(events.body.data).toEqual([
      expect.objectContaining({ message_id: id, status: 'queued' }),
    ]);
    const job = await h.built.queues.sms.getJob(id);
    // Ids, and the suppression check's keyed hashes: never the recipient or the content.
    expect(job?.data).toEqual({
      messageId: id,
      accountId: alice.id,
      suppression: { channel: 'sms', hash: expect.any(String) },
    });
    expect(JSON.stringify(job?.data)).not.toContain(validSms.to);
  });

  it('when the response is read, then it carries no content (content lives in its own store)', async () => {
    const res = await h.http.get(`/v1/messages/${aliceIds[1]}`).set(alice.auth).expect(200);
    expect(JSON.stringify(res.body)).not.toContain('Hello Ada');
  });

  it('when another account asks for the message, its events or lists, then it is not found', async () => {
    const id = aliceIds[0]!;
    const res = await h.http.get(`/v1/messages/${id}`).set(bob.auth).expect(404);
    expect(res.body.code).toBe('message_not_found');
    await h.http.get(`/v1/messages/${id}/events`).set(bob.auth).expect(404);
    const list = await h.http.get('/v1/messages').set(bob.auth).expect(200);
    expect(list.body.data.map((m: { id: string }) => m.id)).not.toContain(id);
    expect(list.body.data).toHaveLength(1);
  });

  it('when the id cannot be a message id, then 404 rather than a validation error', async () => {
    const res = await h.http.get('/v1/messages/not-an-id').set(alice.auth).expect(404);
    expect(res.body.code).toBe('message_not_found');
  });

  it('when listing with a limit, then pages follow next_cursor newest first and end with has_more false', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await h.http
        .get('/v1/messages')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set(alice.auth)
        .expect(200);
      seen.push(...res.body.data.map((m: { id: string }) => m.id));
      if (!res.body.has_more) {
        expect(res.body.next_cursor).toBeNull();
        break;
      }
      cursor = res.body.next_cursor;
    }
    expect(seen).toEqual([...aliceIds].reverse());
  });

  it('when filtering by channel, status, recipient and dates, then only matching messages come back', async () => {
    const byChannel = await h.http.get('/v1/messages?channel=email').set(alice.auth).expect(200);
    expect(byChannel.body.data).toHaveLength(2);
    const byRecipient = await h.http
      .get('/v1/messages')
      .query({ to: 'grace@example.com' })
      .set(alice.auth)
      .expect(200);
    expect(byRecipient.body.data.map((m: { to: string }) => m.to)).toEqual(['grace@example.com']);
    const byStatus = await h.http.get('/v1/messages?status=sent').set(alice.auth).expect(200);
    expect(byStatus.body.data).toEqual([]);
    const future = await h.http
      .get('/v1/messages')
      .query({ created_after: '2100-01-01T00:00:00Z' })
      .set(alice.auth)
      .expect(200);
    expect(future.body.data).toEqual([]);
    const past = await h.http
      .get('/v1/messages')
      .query({ created_before: '2100-01-01T00:00:00Z' })
      .set(alice.auth)
      .expect(200);
    expect(past.body.data).toHaveLength(5);
  });

  it.each([
    ['limit=0', 'invalid_parameter', 'limit'],
    ['limit=abc', 'invalid_parameter', 'limit'],
    ['status=lost', 'invalid_parameter', 'status'],
    ['created_after=yesterday', 'invalid_parameter', 'created_after'],
    ['cursor=bm9wZQ', 'invalid_cursor', 'cursor'],
    ['colour=red', 'unknown_parameter', 'colour'],
  ])('when the query has %s, then 422 %s', async (query, code, param) => {
    const res = await h.http.get(`/v1/messages?${query}`).set(alice.auth).expect(422);
    expect(res.body).toMatchObject({ code, param });
  });
});
