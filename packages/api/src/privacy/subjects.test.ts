import { createPublicKey, verify } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestAccount, validEmail, validPushToken } from '../testing/api.harness.js';
import { useApiHarness } from '../testing/use-api-harness.js';

const PHONE = '+14155550160';
const OTHER_PHONE = '+14155550161';

/** Find and erase one end user through the API (no worker: accepted messages wait in Redis). */
describe('/v1/subjects: find and erase', () => {
  const h = useApiHarness();
  let account: TestAccount;
  let other: TestAccount;
  beforeAll(async () => {
    account = await h.newAccount('Subjects');
    other = await h.newAccount('Another organisation');
  });

  const send = (body: object, who = account, headers: Record<string, string> = {}) =>
    h.http.post('/v1/messages').set(who.auth).set(headers).send(body).expect(202);
  const holdings = (body: {
    holdings: Array<{ store: string; category: string; count: number }>;
  }) => Object.fromEntries(body.holdings.map((x) => [`${x.store}.${x.category}`, x.count]));

  it('finds what is held about a phone number (channel guessed), in this organisation only, and records the request by hash', async () => {
    await send({ channel: 'sms', to: PHONE, body: 'One', metadata: { order: '7' } });
    await send({ channel: 'sms', to: PHONE, body: 'Two' });
    await send({ channel: 'sms', to: OTHER_PHONE, body: 'Not theirs' });
    await send({ channel: 'sms', to: PHONE, body: 'Another org' }, other);

    const res = await h.http.get('/v1/subjects').query({ identifier: PHONE }).set(account.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      object: 'subject',
      channel: 'sms',
      identifier_masked: '+1415•••0160',
      suppressed: null,
      restricted: false,
    });
    expect(holdings(res.body)).toMatchObject({
      'usage.messages_sent': 2,
      'usage.messages_received': 0,
      'usage.message_events': 2,
      'content.message_contents': 2,
      'queue.dispatch_jobs': 2,
      'account.privacy_requests': 0,
    });

    const requests = await h.http.get('/v1/privacy-requests').set(account.auth).expect(200);
    expect(requests.body.data).toEqual([
      expect.objectContaining({
        kind: 'find',
        status: 'completed',
        completed_at: expect.any(String),
      }),
    ]);
    const request = requests.body.data[0];
    expect(request.identifier_hash).toMatch(/^[0-9a-f]{64}$/);
    const days = (Date.parse(request.deadline_at) - Date.parse(request.created_at)) / 86_400_000;
    expect(days).toBe(30);
    expect(JSON.stringify(requests.body)).not.toContain(PHONE);
    expect(
      (await h.http.get('/v1/privacy-requests').set(other.auth).expect(200)).body.data,
    ).toEqual([]);
  });

  it('when the identifier is not one Herald could send to, then 422 naming it; a missing one too', async () => {
    const bad = await h.http.get('/v1/subjects').query({ identifier: '+12' }).set(account.auth);
    expect(bad.body).toMatchObject({ code: 'invalid_phone_number', param: 'identifier' });
    const email = await h.http
      .get('/v1/subjects')
      .query({ identifier: 'nobody', channel: 'email' })
      .set(account.auth);
    expect(email.body).toMatchObject({ code: 'invalid_email_address', param: 'identifier' });
    const missing = await h.http.get('/v1/subjects').set(account.auth).expect(422);
    expect(missing.body.param).toBe('identifier');
  });

  it('erases: content and jobs gone, usage rows keyed by hash, waiting sends canceled, a replayed answer scrubbed, a signed receipt', async () => {
    const replayed = await send({ channel: 'sms', to: PHONE, body: 'Keyed' }, account, {
      'Idempotency-Key': 'erase-me-1',
    });
    const before = holdings(
      (await h.http.get('/v1/subjects').query({ identifier: PHONE }).set(account.auth)).body,
    );
    const res = await h.http
      .post('/v1/subjects/erasures')
      .set(account.auth)
      .send({ identifier: PHONE })
      .expect(200);
    const receipt = res.body;
    expect(receipt).toMatchObject({ object: 'erasure_receipt', channel: 'sms' });
    expect(receipt.id).toMatch(/^era_/);
    expect(receipt.counts).toMatchObject({
      'usage.messages_sent': before['usage.messages_sent'],
      'usage.messages_canceled': before['usage.messages_sent'],
      'content.message_contents': before['content.message_contents'],
      'queue.dispatch_jobs': before['queue.dispatch_jobs'],
      'usage.idempotency_responses': 1,
      'usage.suppression': 0,
    });
    expect(JSON.parse(receipt.signed_payload)).toMatchObject({
      id: receipt.id,
      account_id: account.id,
      identifier_hash: receipt.identifier_hash,
      counts: receipt.counts,
      completed_at: receipt.completed_at,
    });

    const key = await h.http.get('/v1/privacy/receipt-key').expect(200);
    expect(key.body).toMatchObject({ object: 'receipt_key', algorithm: 'Ed25519' });
    const ok = verify(
      null,
      Buffer.from(receipt.signed_payload, 'utf8'),
      createPublicKey(key.body.public_key),
      Buffer.from(receipt.signature, 'base64'),
    );
    expect(ok).toBe(true);
    expect(
      (await h.http.get(`/v1/subjects/erasures/${receipt.id}`).set(account.auth).expect(200)).body,
    ).toEqual(receipt);
    await h.http.get(`/v1/subjects/erasures/${receipt.id}`).set(other.auth).expect(404);

    const list = await h.http.get('/v1/messages').set(account.auth).expect(200);
    const erased = `erased:${receipt.identifier_hash}`;
    const theirs = list.body.data.filter((m: { to: string }) => m.to === erased);
    expect(theirs).toHaveLength(before['usage.messages_sent']!);
    for (const message of theirs)
      expect(message).toMatchObject({ status: 'canceled', metadata: {}, status_callback: null });
    expect(list.body.data.filter((m: { to: string }) => m.to === OTHER_PHONE)).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(PHONE);
    const otherOrg = await h.http.get('/v1/messages').set(other.auth).expect(200);
    expect(otherOrg.body.data.map((m: { to: string }) => m.to)).toEqual([PHONE]);

    const again = await send({ channel: 'sms', to: PHONE, body: 'Keyed' }, account, {
      'Idempotency-Key': 'erase-me-1',
    });
    expect(again.body).toMatchObject({ id: replayed.body.id, to: erased });
    const after = await h.http.get('/v1/subjects').query({ identifier: PHONE }).set(account.auth);
    expect(holdings(after.body)).toMatchObject({
      'usage.messages_sent': 0,
      'content.message_contents': 0,
      'queue.dispatch_jobs': 0,
      'usage.idempotency_responses': 0,
    });
  });

  it('erasing someone who opted out keeps only the keyed hash on the list, so they are still refused', async () => {
    const email = 'Opted.Out@Example.com';
    await send({ ...validEmail, to: email });
    const added = await h.http
      .post('/v1/suppressions')
      .set(account.auth)
      .send({ channel: 'email', identifier: email })
      .expect(201);
    const res = await h.http
      .post('/v1/subjects/erasures')
      .set(account.auth)
      .send({ identifier: email })
      .expect(200);
    expect(res.body.counts).toMatchObject({ 'usage.messages_sent': 1, 'usage.suppression': 1 });
    const listed = await h.http.get('/v1/suppressions').set(account.auth).expect(200);
    expect(listed.body.data).toContainEqual(
      expect.objectContaining({ id: added.body.id, identifier_masked: '(erased)' }),
    );
    const refused = await h.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ ...validEmail, to: 'opted.out@example.com' })
      .expect(422);
    expect(refused.body.code).toBe('recipient_suppressed');
  });

  it('erases a push token given with its channel; another organisation’s rows are never touched', async () => {
    await send({ channel: 'push', to: validPushToken, body: 'Ping' }, other);
    const res = await h.http
      .post('/v1/subjects/erasures')
      .set(account.auth)
      .send({ identifier: validPushToken, channel: 'push' })
      .expect(200);
    expect(res.body.counts['usage.messages_sent']).toBe(0);
    const theirs = await h.http.get('/v1/messages').set(other.auth).expect(200);
    expect(theirs.body.data.map((m: { to: string }) => m.to)).toContain(validPushToken);
  });

  it('an erasure id of the wrong shape or of nobody is 404', async () => {
    await h.http.get('/v1/subjects/erasures/era_nope').set(account.auth).expect(404);
    const res = await h.http
      .get('/v1/subjects/erasures/era_00000000000000000000000000')
      .set(account.auth)
      .expect(404);
    expect(res.body.code).toBe('subject_erasure_not_found');
  });
});
