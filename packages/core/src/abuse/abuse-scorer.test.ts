import type { RedisClient } from '@herald/core';
import {
  accountServiceFor,
  captureLogger,
  createTestStores,
  type TestStores,
  testMasterKey,
  testRedisUrl,
  uniqueQueuePrefix,
} from '@herald/devkit/testing';
import type { Queue } from 'bullmq';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../audit/audit-log.js';
import {
  createSystemMailer,
  openSystemEmail,
  type SystemEmailJob,
} from '../notifications/system-email.job.js';
import { newId } from '../platform/ids.js';
import { BestEffort } from '../platform/observability/best-effort.js';
import { createProducerConnection } from '../platform/redis/redis.js';
import type { MessageStatus } from '../platform/stores/usage.schema.js';
import { abusePolicy } from './abuse-policy.js';
import { AbuseScorer } from './abuse-scorer.service.js';
import type { AbuseSignal } from './abuse-signals.js';
import { ContentStatsStore } from './content-stats.store.js';
import { TrustService } from './trust.service.js';

const MINUTE = 60_000;

describe('AbuseScorer: usage signals against the account’s own history', () => {
  let t: TestStores;
  let redis: RedisClient;
  let queue: Queue<SystemEmailJob>;
  const masterKey = testMasterKey();
  const clock = { at: new Date('2026-12-01T12:00:00Z'), now: () => clock.at };
  let trust: TrustService;
  let scorer: AbuseScorer;
  const policy = abusePolicy();
  beforeAll(async () => {
    t = await createTestStores();
    redis = createProducerConnection(testRedisUrl());
    const prefix = uniqueQueuePrefix();
    const { logger } = captureLogger();
    const system = createSystemMailer({ redis, prefix, masterKey, logger });
    queue = system.queue;
    trust = new TrustService({
      account: t.stores.account,
      audit: new AuditLog({ account: t.stores.account }),
      mailer: system.mailer,
      bestEffort: new BestEffort({ logger }),
      clock,
    });
    scorer = new AbuseScorer({
      usage: t.stores.usage,
      contentStats: new ContentStatsStore(redis, { prefix, windowMs: policy.windowMs }),
      trust,
      policy,
      logger,
      clock,
    });
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
    await t.drop();
  });

  /** Each test looks at its own day, so one test's messages are outside another's window. */
  let day = 0;
  const freshDay = () => {
    clock.at = new Date(Date.UTC(2026, 11, 1 + ++day, 12));
    return clock.at.getTime();
  };
  const newAccount = async () =>
    (await accountServiceFor(t.stores.account).createAccount('Acme')).id;
  const addOwner = async (accountId: string, email: string) => {
    const id = newId('usr');
    await t.stores.account
      .insertInto('users')
      .values({ id, email, name: 'Owner', password_hash: 'x' })
      .execute();
    await t.stores.account
      .insertInto('memberships')
      .values({ account_id: accountId, user_id: id, role: 'owner' })
      .execute();
  };
  /** `count` messages, evenly spread over `[fromMs, fromMs + spanMs)`, straight into the usage store. */
  const send = async (
    accountId: string,
    count: number,
    fromMs: number,
    spanMs: number,
    outcome: { status?: MessageStatus; error_code?: string | null } = {},
  ) => {
    const rows = Array.from({ length: count }, (_, i) => {
      const at = fromMs + Math.floor((i * spanMs) / count);
      return {
        id: `msg_${ulid(at)}`,
        account_id: accountId,
        channel: 'sms' as const,
        recipient: `+1415555${String(i % 10_000).padStart(4, '0')}`,
        status: outcome.status ?? ('sent' as const),
        error_code: outcome.error_code ?? null,
        content_stored: true,
        metadata: '{}',
        created_at: new Date(at),
        updated_at: new Date(at),
      };
    });
    for (let i = 0; i < rows.length; i += 1000) {
      await t.stores.usage
        .insertInto('messages')
        .values(rows.slice(i, i + 1000))
        .execute();
    }
  };
  const signal = (signals: AbuseSignal[], name: string) => signals.find((s) => s.name === name);
  const status = async (id: string) =>
    (
      await t.stores.account
        .selectFrom('accounts')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).status;

  it('when a new account sends its first 20 messages, then no signal is judged and the score is 0', async () => {
    const now = freshDay();
    const acc = await newAccount();
    await send(acc, 20, now - 5 * MINUTE, 5 * MINUTE);
    const { score, signals } = await scorer.assess(acc);
    expect(score).toBe(0);
    expect(signal(signals, 'send_velocity')).toMatchObject({
      value: 0,
      threshold: 10,
      weight: 0.3,
    });
    expect(signal(signals, 'send_velocity')!.description).toContain('not judged');
    expect(signals.map((s) => s.name)).toEqual([
      'send_velocity',
      'failure_rate',
      'opt_out_rate',
      'repeated_content',
      'spam_patterns',
    ]);
  });

  it('when a brand-new account with no history blasts 150 messages, then its velocity is measured against the floor and counts', async () => {
    const now = freshDay();
    const acc = await newAccount();
    await send(acc, 150, now - 10 * MINUTE, 10 * MINUTE);
    const { score, signals } = await scorer.assess(acc);
    // 150 messages against the floor of 10 per window: fifteen times.
    expect(signal(signals, 'send_velocity')).toMatchObject({ value: 15, threshold: 10 });
    expect(score).toBe(0.3);
    // Velocity alone is not abuse: a growing customer is not suspended for it.
    expect((await scorer.scoreAccount(acc)).decision).toBeNull();
    expect(await status(acc)).toBe('active');
  });

  it('when an established account sends at three times its usual rate, then velocity does not count; at fifteen times, it does', async () => {
    const now = freshDay();
    const acc = await newAccount();
    // Two hours of history at 100 messages per 15 minutes.
    await send(acc, 800, now - 15 * MINUTE - 120 * MINUTE, 120 * MINUTE);
    await send(acc, 300, now - 15 * MINUTE, 15 * MINUTE);
    expect(signal((await scorer.assess(acc)).signals, 'send_velocity')!.value).toBe(3);
    await send(acc, 1200, now - 10 * MINUTE, 10 * MINUTE);
    expect(signal((await scorer.assess(acc)).signals, 'send_velocity')!.value).toBe(15);
  });

  it('when failures and opt-outs both pass their thresholds, then the account is suspended and its owner told which signals and values', async () => {
    const now = freshDay();
    const acc = await newAccount();
    await addOwner(acc, `owner-${acc}@example.com`);
    // An established sender (50 per 15 minutes), so its volume alone is not unusual.
    await send(acc, 400, now - 15 * MINUTE - 120 * MINUTE, 120 * MINUTE);
    await send(acc, 70, now - 10 * MINUTE, 5 * MINUTE);
    await send(acc, 20, now - 5 * MINUTE, MINUTE, {
      status: 'failed',
      error_code: 'invalid_recipient',
    });
    await send(acc, 10, now - 4 * MINUTE, MINUTE, {
      status: 'failed',
      error_code: 'recipient_unsubscribed',
    });
    // Herald's or the provider's own trouble is not held against the sender.
    await send(acc, 30, now - 3 * MINUTE, MINUTE, {
      status: 'failed',
      error_code: 'provider_unavailable',
    });
    // Not finished yet: not part of any rate.
    await send(acc, 10, now - MINUTE, MINUTE, { status: 'queued' });

    const { assessment, decision } = await scorer.scoreAccount(acc);
    expect(signal(assessment.signals, 'failure_rate')).toMatchObject({
      value: 0.15,
      threshold: 0.15,
      weight: 0.5,
    });
    expect(signal(assessment.signals, 'opt_out_rate')).toMatchObject({
      value: 0.08,
      threshold: 0.05,
      weight: 0.5,
    });
    expect(assessment.score).toBe(1);
    expect(decision).toMatchObject({
      kind: 'suspended',
      automated: true,
      score: 1,
      signals: assessment.signals,
    });
    expect(decision!.reason).toBe(
      'Automated abuse checks scored 1 (suspension at 1): many recipients that do not exist or cannot receive messages; many recipients who had opted out.',
    );
    expect(await status(acc)).toBe('suspended');

    const jobs = await queue.getJobs(['waiting']);
    const emails = jobs.map((job) => openSystemEmail(masterKey, job.id!, job.data));
    const email = emails.find((e) => e.to === `owner-${acc}@example.com`);
    expect(email!.text).toContain('(20 of 130): 0.15 (threshold 0.15)');
  });

  it('when only a handful of messages failed, then the rates are not judged', async () => {
    const now = freshDay();
    const acc = await newAccount();
    await send(acc, 15, now - 5 * MINUTE, MINUTE);
    await send(acc, 15, now - 4 * MINUTE, MINUTE, {
      status: 'failed',
      error_code: 'invalid_recipient',
    });
    const { signals, score } = await scorer.assess(acc);
    expect(signal(signals, 'failure_rate')).toMatchObject({ value: 0 });
    expect(signal(signals, 'failure_rate')!.description).toContain(
      '(15 of 30) (not judged: fewer than 50 messages)',
    );
    expect(score).toBe(0);
  });

  it('scoreAll scores only active accounts that sent in the window, suspends the abusive ones, and after a reinstatement judges only what came after it', async () => {
    const now = freshDay();
    const [abusive, quiet, earlier, suspended] = [
      await newAccount(),
      await newAccount(),
      await newAccount(),
      await newAccount(),
    ];
    await send(abusive, 60, now - 10 * MINUTE, MINUTE, {
      status: 'failed',
      error_code: 'invalid_recipient',
    });
    await send(abusive, 40, now - 9 * MINUTE, MINUTE, {
      status: 'failed',
      error_code: 'recipient_unsubscribed',
    });
    await send(quiet, 5, now - 5 * MINUTE, MINUTE);
    await send(earlier, 100, now - 40 * MINUTE, MINUTE, {
      status: 'failed',
      error_code: 'invalid_recipient',
    });
    await send(suspended, 5, now - 5 * MINUTE, MINUTE);
    await trust.suspend(suspended, {
      score: null,
      signals: [],
      reason: 'Manual.',
      automated: false,
    });

    const first = await scorer.scoreAll();
    expect(first).toMatchObject({ scored: 2, failed: 0 });
    expect(first.suspended.map((d) => d.accountId)).toEqual([abusive]);
    expect(await status(quiet)).toBe('active');
    expect(await status(earlier)).toBe('active');

    clock.at = new Date(now + MINUTE);
    const review = await trust.requestReview(abusive, {
      userId: null,
      statement: 'We fixed our list.',
      actor: { type: 'user', id: null, ip: null },
    });
    await trust.resolveReview(review.id, {
      outcome: 'reinstate',
      reason: 'Fixed.',
      operator: 'ops',
    });
    clock.at = new Date(now + 2 * MINUTE);
    const second = await scorer.scoreAll();
    expect(second.suspended).toEqual([]);
    expect(await status(abusive)).toBe('active');
    const { signals } = await scorer.assess(abusive, { since: new Date(now + MINUTE) });
    expect(signal(signals, 'failure_rate')!.description).toContain('(0 of 0)');
  });
});
