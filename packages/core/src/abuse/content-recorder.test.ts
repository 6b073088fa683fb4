import { createHash } from 'node:crypto';
import type { RedisClient } from '@herald/core';
import { captureLogger, testRedisUrl, uniqueQueuePrefix } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageContent } from '../messages/message-content.js';
import { generateMasterKey, parseMasterKey } from '../platform/crypto/master-key.js';
import { newId } from '../platform/ids.js';
import { BestEffort } from '../platform/observability/best-effort.js';
import { createProducerConnection, waitUntilReady } from '../platform/redis/redis.js';
import { abuseText } from './abuse-text.js';
import { ContentRecorder } from './content-recorder.js';
import { ContentStatsStore, contentStatsTtlSeconds } from './content-stats.store.js';

const WINDOW = 60_000;
const spam: MessageContent = {
  channel: 'sms',
  body: 'You have WON a free cruise! Claim your prize: https://bit.ly/x',
};
const clean: MessageContent = { channel: 'sms', body: 'Your code is 4242' };
/**
 * The counts are HyperLogLog estimates: among ~30 random elements two share a register a few
 * percent of the time, and the count comes out one short. A fixed key and fixed message ids make
 * the elements (and so the estimates) the same on every run; these give the exact counts.
 */
const fixedMasterKey = parseMasterKey('11'.repeat(32));
let nextMessage = 0;
const fixedMessageId = () => `msg_recorder${String(nextMessage++).padStart(8, '0')}`;

describe('ContentRecorder: content signals without keeping content', () => {
  let redis: RedisClient;
  const prefix = uniqueQueuePrefix();
  const layout = { prefix, windowMs: WINDOW };
  const clock = { at: new Date('2026-12-01T12:00:00Z'), now: () => clock.at };
  const { logger, lines } = captureLogger('herald-worker');
  const bestEffort = new BestEffort({ logger });
  let recorder: ContentRecorder;
  let stats: ContentStatsStore;
  beforeAll(async () => {
    redis = createProducerConnection(testRedisUrl());
    await waitUntilReady(redis);
    recorder = new ContentRecorder({
      redis,
      layout,
      masterKey: fixedMasterKey,
      bestEffort,
      clock,
    });
    stats = new ContentStatsStore(redis, layout);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  const message = (accountId: string, to: string, id = fixedMessageId()) => ({
    id,
    accountId,
    channel: 'sms' as const,
    to,
  });
  const read = (accountId: string) =>
    stats.read(accountId, new Date(clock.at.getTime() - WINDOW), clock.at);

  it('counts the distinct recipients of one content, and a retried message once', async () => {
    const acc = newId('acc');
    const sent = [];
    for (let i = 0; i < 30; i++) sent.push(message(acc, `+1415555${String(i).padStart(4, '0')}`));
    for (const m of sent) await recorder.record(m, spam);
    // Retries of the same jobs, and a variant that only differs by case and spacing.
    for (const m of sent.slice(0, 5)) await recorder.record(m, spam);
    await recorder.record(message(acc, '+14155550000'), {
      channel: 'sms',
      body: `  ${spam.body.toUpperCase()} `,
    });
    await recorder.record(message(acc, '+14155550999'), clean);

    expect(await read(acc)).toEqual({
      messages: 32,
      spamMessages: 31,
      maxRecipientsPerContent: 30,
    });
  });

  it('reads the buckets of the window only, and with wholeBucketsOnly skips the bucket a reinstatement fell in', async () => {
    const acc = newId('acc');
    const start = clock.at.getTime();
    clock.at = new Date(start - 2 * WINDOW);
    await recorder.record(message(acc, '+14155550001'), spam);
    clock.at = new Date(start - 5_000);
    await recorder.record(message(acc, '+14155550002'), spam);
    clock.at = new Date(start);

    expect(await read(acc)).toMatchObject({ messages: 1, spamMessages: 1 });
    // A reinstatement 10 seconds ago: the bucket it fell in (15 s buckets) started before it.
    const since = new Date(start - 10_000);
    expect(await stats.read(acc, since, clock.at, { wholeBucketsOnly: true })).toMatchObject({
      messages: 0,
    });
  });

  it('keeps neither content nor recipients, not even as plain hashes, and every key expires', async () => {
    const acc = newId('acc');
    await recorder.record(message(acc, '+14155550123'), spam);
    const keys = await redis.keys(`${prefix}:abuse-stats:{${acc}}:*`);
    expect(keys).toHaveLength(4);
    const plainHashes = [abuseText(spam), '+14155550123', `sms\n${abuseText(spam)}`].flatMap(
      (v) => {
        const digest = createHash('sha256').update(v).digest();
        return [digest.toString('hex'), digest.subarray(0, 16).toString('base64url')];
      },
    );
    for (const key of keys) {
      const ttl = await redis.ttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(contentStatsTtlSeconds(layout));
      const stored = key.endsWith(':top')
        ? (await redis.zrange(key, 0, -1)).join(' ')
        : ((await redis.getBuffer(key)) ?? Buffer.alloc(0)).toString('latin1');
      for (const secret of ['won', 'cruise', 'bit.ly', '4155550123', ...plainHashes]) {
        expect(`${key} ${stored}`.toLowerCase()).not.toContain(secret);
      }
    }
  });

  it('fingerprints under a key derived from the master key: another Herald gets other fingerprints', async () => {
    const other = new ContentRecorder({
      redis,
      layout,
      masterKey: parseMasterKey(generateMasterKey()),
      bestEffort,
      clock,
    });
    const [a, b] = [newId('acc'), newId('acc')];
    await recorder.record(message(a, '+14155550001'), clean);
    await other.record(message(b, '+14155550001'), clean);
    const top = async (acc: string) =>
      (await redis.keys(`${prefix}:abuse-stats:{${acc}}:*:top`))[0]!;
    const [fa] = await redis.zrange(await top(a), 0, -1);
    const [fb] = await redis.zrange(await top(b), 0, -1);
    expect(fa).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(fa).not.toBe(fb);
  });

  it('when Redis is away, then observe returns at once, never throws, and the failure is logged by code only and counted', async () => {
    const away = createProducerConnection('redis://127.0.0.1:1', { retryStrategy: () => null });
    const failures = new BestEffort({ logger });
    away.on('error', (error) => failures.failed('redis_connection', error));
    const offline = new ContentRecorder({
      redis: away,
      layout,
      masterKey: fixedMasterKey,
      bestEffort: failures,
      clock,
    });
    const m = message(newId('acc'), '+14155550777');
    expect(() => offline.observe(m, spam)).not.toThrow();
    await expect.poll(() => failures.failures('abuse_recording'), { timeout: 5000 }).toBe(1);
    const line = lines.find((l) => l.includes('"step":"abuse_recording"'))!;
    expect(JSON.parse(line)).toMatchObject({
      level: 40,
      msg: 'best-effort step failed',
      messageId: m.id,
      error: { type: expect.any(String) },
    });
    expect(line).not.toContain('4155550777');
    expect(line.toLowerCase()).not.toContain('cruise');
    away.disconnect();
  });
});
