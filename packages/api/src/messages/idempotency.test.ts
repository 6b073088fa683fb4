import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestAccount, validEmail, validSms } from '../testing/api.harness.js';
import { useApiHarness } from '../testing/use-api-harness.js';

describe('POST /v1/messages with an Idempotency-Key', () => {
  const h = useApiHarness();
  let alice: TestAccount;
  let bob: TestAccount;
  beforeAll(async () => {
    alice = await h.newAccount('Alice');
    bob = await h.newAccount('Bob');
  });

  const send = (account: TestAccount, key: string, body: object) =>
    h.http.post('/v1/messages').set(account.auth).set('Idempotency-Key', key).send(body);

  it('when the same key comes with the same body, then the first response is replayed and one message exists', async () => {
    const first = await send(alice, 'order-1', validSms).expect(202);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The same JSON with its keys in another order is the same request.
    const reordered = { body: validSms.body, to: validSms.to, channel: validSms.channel };
    const second = await send(alice, 'order-1', reordered).expect(202);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    const { messages, jobs } = await h.footprint();
    expect({ messages, jobs }).toEqual({ messages: 1, jobs: 1 });
  });

  it('when the same key comes with another body, then 422 idempotency_key_reused and nothing is written', async () => {
    await send(alice, 'order-2', validSms).expect(202);
    const before = await h.footprint();
    const res = await send(alice, 'order-2', { ...validSms, body: 'something else' }).expect(422);
    expect(res.body.code).toBe('idempotency_key_reused');
    expect(await h.footprint()).toEqual(before);
  });

  it('when the first request with the key is still in flight, then 409 idempotency_key_in_use', async () => {
    const before = await h.footprint();
    // Hold the key's lock the way an in-flight request does, in another session.
    await h.t.stores.usage.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`${alice.id}:order-3`}, 0))`.execute(
        tx,
      );
      const res = await send(alice, 'order-3', validSms).expect(409);
      expect(res.body.code).toBe('idempotency_key_in_use');
    });
    expect(await h.footprint()).toEqual(before);
    // Once the first is done, the key works normally.
    await send(alice, 'order-3', validSms).expect(202);
  });

  it('when another account uses the same key, then it is a different request', async () => {
    const a = await send(alice, 'shared-key', validEmail).expect(202);
    const b = await send(bob, 'shared-key', validEmail).expect(202);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('when 20 identical requests race with one key, then exactly one message is created', async () => {
    const before = await h.footprint();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => send(alice, 'race', validSms)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 202 || s === 409)).toBe(true);
    const ids = new Set(responses.filter((r) => r.status === 202).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    const after = await h.footprint();
    expect(after.messages - before.messages).toBe(1);
    expect(after.jobs - before.jobs).toBe(1);
  });

  it('when a send fails validation, then its key is not consumed', async () => {
    await send(alice, 'fix-and-retry', { ...validSms, to: 'nope' }).expect(422);
    const res = await send(alice, 'fix-and-retry', validSms).expect(202);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });

  it('when the recipient opts out after the first request, then a retry still gets the first answer', async () => {
    const first = await send(alice, 'before-stop', { ...validSms, to: '+14155550177' }).expect(202);
    await h.http
      .post('/v1/suppressions')
      .set(alice.auth)
      .send({ channel: 'sms', identifier: '+14155550177' })
      .expect(201);
    const retry = await send(alice, 'before-stop', { ...validSms, to: '+14155550177' }).expect(202);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    // A new request to them is refused.
    expect((await send(alice, 'after-stop', { ...validSms, to: '+14155550177' })).body.code).toBe(
      'recipient_suppressed',
    );
  });
});
