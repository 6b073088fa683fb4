import {
  BestEffort,
  bullPrefix,
  markRedisEpoch,
  registerSchedules,
  startHeartbeat,
} from '@herald/core';
import { captureLogger } from '@herald/devkit/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiHarness,
  OPERATOR_TOKEN,
  startApiHarness,
  type TestAccount,
} from '../testing/api.harness.js';

const operator = { Authorization: `Bearer ${OPERATOR_TOKEN}` };
const PHONE = '+14155550199';
const EMAIL = 'grace.hopper.metrics@example.com';
const BODY = 'metrics-secret-body-7391';
/** What a worker's heartbeat reports its failures to, for the beats these tests make. */
const worker = { bestEffort: new BestEffort({ logger: captureLogger().logger }) };

describe('operations endpoints of the API', () => {
  let h: ApiHarness;
  let account: TestAccount;
  let redis: Redis;
  const messageIds: string[] = [];
  beforeAll(async () => {
    h = await startApiHarness();
    account = await h.newAccount();
    redis = new Redis(h.redisUrl);
    for (const body of [
      { channel: 'sms', to: PHONE, body: BODY },
      { channel: 'email', to: EMAIL, subject: 'Hi', text: BODY },
    ]) {
      const res = await h.http.post('/v1/messages').set(account.auth).send(body).expect(202);
      messageIds.push(res.body.id);
    }
    await h.http.get(`/v1/messages/${messageIds[0]}`).set(account.auth).expect(200);
    await h.http.get(`/v1/messages?to=${encodeURIComponent(PHONE)}`).set(account.auth);
  });
  afterAll(async () => {
    redis.disconnect();
    await h.close();
  });

  it('when /metrics is asked without the operator token, then 401', async () => {
    const res = await h.http.get('/metrics');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('operator_token_invalid');
    await h.http.get('/metrics').set({ Authorization: 'Bearer wrong-token' }).expect(401);
  });

  it('when scraped with the token, then it has the required metrics and no personal data', async () => {
    const res = await h.http.get('/metrics').set(operator).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.text;
    for (const name of [
      'herald_http_requests_total',
      'herald_http_request_duration_seconds_bucket',
      'herald_messages_accepted_total',
      'herald_queue_jobs',
      'herald_queue_oldest_waiting_age_seconds',
      'herald_best_effort_failures_total',
      'process_resident_memory_bytes',
    ])
      expect(text).toContain(name);
    // Every step is there from the start, at 0 while nothing failed: alerts need no absent().
    expect(text).toMatch(/herald_best_effort_failures_total\{[^}]*step="content_cleanup"[^}]*\} 0/);
    expect(text).toMatch(/herald_messages_accepted_total\{[^}]*channel="sms"[^}]*\} 1/);
    expect(text).toMatch(/herald_queue_jobs\{[^}]*queue="sms"[^}]*state="waiting"[^}]*\} 1/);
    expect(text).toContain('route="/v1/messages/{id}"');
    for (const secret of [
      PHONE,
      encodeURIComponent(PHONE),
      '4155550199',
      EMAIL,
      BODY,
      account.id,
      account.secret,
      ...messageIds,
    ])
      expect(text).not.toContain(secret);
  });

  it('when the queue dashboard is opened without the token, then 401 with a Basic challenge', async () => {
    const res = await h.http.get('/operator/queues');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Basic/);
    await h.http.get('/operator/queues/api/queues').expect(401);
  });

  it('when opened with the token (Bearer, or as a browser’s Basic password), then it serves', async () => {
    const page = await h.http.get('/operator/queues').set(operator).expect(200);
    expect(page.text).toContain('<html');
    const basic = Buffer.from(`operator:${OPERATOR_TOKEN}`).toString('base64');
    await h.http
      .get('/operator/queues')
      .set({ Authorization: `Basic ${basic}` })
      .expect(200);
    const api = await h.http.get('/operator/queues/api/queues').set(operator).expect(200);
    const names = (api.body.queues as Array<{ name: string }>).map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['sms', 'email', 'push', 'webhooks']));
  });

  it('when no worker beats, then /readyz is 503 with workers unavailable', async () => {
    const res = await h.http.get('/readyz').expect(503);
    expect(res.body).toMatchObject({
      status: 'unavailable',
      checks: { workers: 'unavailable', redis: 'ok' },
    });
  });

  it('when a worker beats but Redis was emptied and not rebuilt yet, then /readyz is 503 with schedules unavailable', async () => {
    const beat = await startHeartbeat(redis, h.queuePrefix, worker);
    try {
      const res = await h.http.get('/readyz').expect(503);
      expect(res.body.checks).toMatchObject({ workers: 'ok', schedules: 'unavailable' });
    } finally {
      await beat.stop();
    }
  });

  it('when a schedule the workers keep goes missing, then /readyz is 503 until it is back', async () => {
    const beat = await startHeartbeat(redis, h.queuePrefix, worker);
    const queue = new Queue('retention', {
      connection: redis,
      prefix: bullPrefix(h.queuePrefix, 'retention'),
    });
    const schedule = { queue: 'retention', schedulerId: 'retention-usage' };
    try {
      await queue.upsertJobScheduler(schedule.schedulerId, { every: 3_600_000 });
      await registerSchedules(redis, h.queuePrefix, [schedule]);
      await markRedisEpoch(redis, h.queuePrefix, new Date());
      await h.http.get('/readyz').expect(200);

      await queue.removeJobScheduler(schedule.schedulerId);
      const res = await h.http.get('/readyz').expect(503);
      expect(res.body.checks).toMatchObject({ workers: 'ok', schedules: 'unavailable' });

      await queue.upsertJobScheduler(schedule.schedulerId, { every: 3_600_000 });
      await h.http.get('/readyz').expect(200);
    } finally {
      await queue.close();
      await beat.stop();
    }
  });

  it('when the only worker’s heartbeat goes stale, then /readyz turns 503', async () => {
    await markRedisEpoch(redis, h.queuePrefix, new Date());
    const beat = await startHeartbeat(redis, h.queuePrefix, {
      ...worker,
      ttlMs: 400,
      intervalMs: 60_000,
    });
    try {
      await h.http.get('/readyz').expect(200);
      await new Promise((resolve) => setTimeout(resolve, 600));
      const res = await h.http.get('/readyz').expect(503);
      expect(res.body.checks.workers).toBe('unavailable');
    } finally {
      await beat.stop();
    }
  });

  it('then every request is logged with its request id, and no content or identifier', async () => {
    const res = await h.http
      .post('/v1/messages')
      .set(account.auth)
      .set('X-Request-Id', 'req-ops-test-1')
      .send({ channel: 'sms', to: PHONE, body: BODY })
      .expect(202);
    expect(res.headers['x-request-id']).toBe('req-ops-test-1');
    const lines = h.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requestLines = lines.filter((line) => line.msg === 'request');
    expect(requestLines.length).toBeGreaterThan(3);
    for (const line of requestLines) expect(line.requestId).toEqual(expect.any(String));
    expect(requestLines.some((line) => line.requestId === 'req-ops-test-1')).toBe(true);
    const all = h.logs.join('\n');
    for (const secret of [PHONE, '4155550199', EMAIL, BODY, account.secret])
      expect(all).not.toContain(secret);
  });
});
