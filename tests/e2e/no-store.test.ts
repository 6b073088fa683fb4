import type { TestAccount } from '@herald/api/testing';
import { ContentVault, MessageContentService, upsertRetentionPolicy } from '@herald/core';
import { dumpDatabase, dumpRedis, encodingsOf } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';

/**
 * No-store mode: the content goes to the provider and nowhere else. It is never written to
 * PostgreSQL, rides the job sealed, and is gone from Redis once the job ends — completed, failed
 * after its last attempt, or cancelled.
 */
describe('no-store mode', () => {
  let p: Platform;
  let perMessage: TestAccount;
  let wholeAccount: TestAccount;
  const secrets = [
    'Nostore-Zebu-1187 completed',
    'Nostore-Gnu-2291 failed',
    'Nostore-Eland-3305 cancelled',
    'Nostore-Oryx-4419 retried',
    'Account-wide Kudu-5523',
  ];

  beforeAll(async () => {
    p = await startPlatform({ retryBaseMs: 10 });
    perMessage = await p.api.newAccount('Per message');
    wholeAccount = await p.api.newAccount('Whole account');
    await upsertRetentionPolicy(p.api.t.stores.account, wholeAccount.id, { store_content: false });
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await p.close();
  });

  const send = (account: TestAccount, body: object) =>
    p.api.http.post('/v1/messages').set(account.auth).send(body).expect(202);
  const redisHas = async (text: string) => {
    const dump = await dumpRedis(p.api.redisUrl, p.api.queuePrefix);
    return encodingsOf(text).some((needle) => dump.includes(needle));
  };

  it('a completed send: the provider got the content; PostgreSQL never had it; Redis no longer has the job', async () => {
    const res = await send(perMessage, {
      channel: 'sms',
      to: '+14155550180',
      body: secrets[0],
      content_retention: 'none',
    });
    expect(res.body.content_stored).toBe(false);
    await waitForStatus(p, perMessage.auth, res.body.id, 'sent');
    expect(p.sinks.twilio.received.find((m) => m.body === secrets[0])).toBeDefined();
    // The status is written before the job ends: its removal follows a moment later.
    await expect.poll(async () => p.api.built.queues.sms.getJob(res.body.id)).toBeUndefined();
    const read = await p.api.http
      .get(`/v1/messages/${res.body.id}/content`)
      .set(perMessage.auth)
      .expect(404);
    expect(read.body.code).toBe('content_not_stored');
  });

  it('a permanent failure: the job is removed with its content', async () => {
    const res = await send(perMessage, {
      channel: 'sms',
      to: '+15005550001',
      body: secrets[1],
      content_retention: 'none',
    });
    await waitForStatus(p, perMessage.auth, res.body.id, 'failed');
    await expect.poll(async () => p.api.built.queues.sms.getJob(res.body.id)).toBeUndefined();
  });

  it('a failure after the last attempt: the job is removed with its content', async () => {
    p.sinks.twilio.failNext({ count: 100, status: 503 });
    const res = await send(perMessage, {
      channel: 'sms',
      to: '+14155550181',
      body: secrets[3],
      content_retention: 'none',
    });
    await waitForStatus(p, perMessage.auth, res.body.id, 'failed', 20_000);
    p.sinks.twilio.clear();
    await expect.poll(async () => p.api.built.queues.sms.getJob(res.body.id)).toBeUndefined();
  });

  it('a cancelled scheduled send: while it waits, Redis holds only ciphertext; once cancelled, nothing', async () => {
    const sendAt = new Date(Date.now() + 10 * 60_000).toISOString();
    const res = await send(perMessage, {
      channel: 'sms',
      to: '+14155550182',
      body: secrets[2],
      content_retention: 'none',
      send_at: sendAt,
    });
    const job = await p.api.built.queues.sms.getJob(res.body.id);
    expect(job!.data.content).toEqual(expect.any(String));
    expect(await redisHas(secrets[2]!)).toBe(false);
    await p.api.http.post(`/v1/messages/${res.body.id}/cancel`).set(perMessage.auth).expect(200);
    expect(await p.api.built.queues.sms.getJob(res.body.id)).toBeUndefined();
  });

  it('an account in no-store mode: every message, without asking', async () => {
    const res = await send(wholeAccount, {
      channel: 'email',
      to: 'kudu@example.com',
      subject: 'No-store subject',
      text: secrets[4],
    });
    expect(res.body.content_stored).toBe(false);
    await waitForStatus(p, wholeAccount.auth, res.body.id, 'sent');
    expect(p.sinks.smtp.received.find((m) => m.text?.includes(secrets[4]!))).toBeDefined();
    // The account's policy wins over a message that asks to be stored.
    const stored = await send(wholeAccount, {
      channel: 'sms',
      to: '+14155550183',
      body: 'asks to be stored',
      content_retention: 'stored',
    });
    expect(stored.body.content_stored).toBe(false);
  });

  it('afterwards, no trace of any of it in any store or in Redis', async () => {
    const dumps = [
      await dumpDatabase(p.api.t.urls.content),
      await dumpDatabase(p.api.t.urls.usage),
      await dumpDatabase(p.api.t.urls.account),
      await dumpRedis(p.api.redisUrl, p.api.queuePrefix),
    ].join('\n');
    expect(dumps.length).toBeGreaterThan(1000);
    for (const needle of [...secrets, 'No-store subject'].flatMap(encodingsOf))
      expect(dumps).not.toContain(needle);
    const logs = [...p.api.logs, ...p.workerLogs].join('\n');
    for (const secret of secrets) expect(logs).not.toContain(secret);
  });
});

describe('reading content', () => {
  let p: Platform;
  let account: TestAccount;
  beforeAll(async () => {
    p = await startPlatform();
    account = await p.api.newAccount('Reader');
  });
  afterAll(() => p.close());

  it('stored content reads back whole; removed content says so; another account gets 404', async () => {
    const res = await p.api.http
      .post('/v1/messages')
      .set(account.auth)
      .send({
        channel: 'push',
        to: `reader:APA91b${'R'.repeat(100)}`,
        title: 'T',
        body: 'B',
        data: { k: 'v' },
      })
      .expect(202);
    const read = await p.api.http
      .get(`/v1/messages/${res.body.id}/content`)
      .set(account.auth)
      .expect(200);
    expect(read.body).toEqual({
      object: 'message_content',
      message_id: res.body.id,
      channel: 'push',
      title: 'T',
      body: 'B',
      data: { k: 'v' },
    });

    await p.api.t.stores.content
      .deleteFrom('message_contents')
      .where('message_id', '=', res.body.id)
      .execute();
    expect(
      (await p.api.http.get(`/v1/messages/${res.body.id}/content`).set(account.auth).expect(410))
        .body.code,
    ).toBe('content_expired');
    const other = await p.api.newAccount('Nosy');
    expect(
      (await p.api.http.get(`/v1/messages/${res.body.id}/content`).set(other.auth).expect(404)).body
        .code,
    ).toBe('message_not_found');
  });

  it('when the data key is destroyed, the content is unreadable though its ciphertext remains', async () => {
    const res = await p.api.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ channel: 'sms', to: '+14155550184', body: 'shred me' })
      .expect(202);
    await p.api.t.stores.content
      .deleteFrom('data_keys')
      .where('account_id', '=', account.id)
      .execute();
    // A fresh service (no cached key), as any other process would read it.
    const fresh = new MessageContentService({
      usage: p.api.t.stores.usage,
      vault: new ContentVault({ content: p.api.t.stores.content, masterKey: p.api.masterKey }),
    });
    await expect(fresh.read(account.id, res.body.id)).rejects.toMatchObject({
      code: 'content_unreadable',
      status: 410,
    });
    const row = await p.api.t.stores.content
      .selectFrom('message_contents')
      .select('ciphertext')
      .where('message_id', '=', res.body.id)
      .executeTakeFirst();
    expect(row?.ciphertext.length).toBeGreaterThan(0);
  });
});
