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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../audit/audit-log.js';
import {
  createSystemMailer,
  openSystemEmail,
  type SystemEmail,
  type SystemEmailJob,
} from '../notifications/system-email.job.js';
import { systemClock } from '../platform/clock.js';
import { newId } from '../platform/ids.js';
import { BestEffort } from '../platform/observability/best-effort.js';
import { createProducerConnection } from '../platform/redis/redis.js';
import type { AbuseSignal } from './abuse-signals.js';
import { TrustService } from './trust.service.js';

const signals: AbuseSignal[] = [
  { name: 'spam_patterns', value: 40, threshold: 10, weight: 0.7, description: 'Spammy messages' },
  { name: 'repeated_content', value: 120, threshold: 100, weight: 0.3, description: 'Same text' },
];
const suspension = { score: 1, signals, reason: 'Spam and repetition.', automated: true };
const operator = { operator: 'ops@herald.test' };

describe('TrustService: suspension and human review', () => {
  let t: TestStores;
  let redis: RedisClient;
  let queue: Queue<SystemEmailJob>;
  const masterKey = testMasterKey();
  let trust: TrustService;
  beforeAll(async () => {
    t = await createTestStores();
    redis = createProducerConnection(testRedisUrl());
    const { logger } = captureLogger();
    const system = createSystemMailer({ redis, prefix: uniqueQueuePrefix(), masterKey, logger });
    queue = system.queue;
    trust = new TrustService({
      account: t.stores.account,
      audit: new AuditLog({ account: t.stores.account }),
      mailer: system.mailer,
      bestEffort: new BestEffort({ logger }),
      clock: systemClock,
    });
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
    await t.drop();
  });

  /** An account with two owners and a developer (who is not told about trust decisions). */
  const newAccount = async (name = 'Acme') => {
    const account = await accountServiceFor(t.stores.account).createAccount(name);
    const tag = account.id.slice(-8).toLowerCase();
    const users = ['owner', 'co-owner', 'dev'].map((who) => ({
      id: newId('usr'),
      email: `${who}-${tag}@example.com`,
      name: who,
      password_hash: 'unused',
    }));
    await t.stores.account.insertInto('users').values(users).execute();
    await t.stores.account
      .insertInto('memberships')
      .values(
        users.map(
          (u, i) =>
            ({
              account_id: account.id,
              user_id: u.id,
              role: i < 2 ? 'owner' : 'developer',
            }) as const,
        ),
      )
      .execute();
    return {
      id: account.id,
      owners: [users[0]!.email, users[1]!.email],
      developer: users[2]!,
      userId: users[0]!.id,
    };
  };
  const accountRow = (id: string) =>
    t.stores.account
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const auditOf = async (accountId: string) =>
    (await new AuditLog({ account: t.stores.account }).list(accountId, { limit: 50 })).reverse();
  const emailsTo = async (to: string): Promise<SystemEmail[]> => {
    const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
    // Job ids are ULID-based: sorting them puts the emails in the order they were queued.
    return jobs
      .sort((a, b) => a.id!.localeCompare(b.id!))
      .map((job) => openSystemEmail(masterKey, job.id!, job.data))
      .filter((email) => email.to === to);
  };
  const userActor = (userId: string) => ({ type: 'user' as const, id: userId, ip: '203.0.113.7' });
  /** The account's first owner asks for a review. */
  const askReview = (acme: { id: string; userId: string }, statement = 'Please review us.') =>
    trust.requestReview(acme.id, { userId: acme.userId, statement, actor: userActor(acme.userId) });

  it('when an active account is suspended, then it is suspended with the decision and its inputs recorded, and each owner is emailed why', async () => {
    const acme = await newAccount('Acme Spam Co');
    const decision = await trust.suspend(acme.id, suspension);

    expect(decision).toMatchObject({
      kind: 'suspended',
      automated: true,
      score: 1,
      signals,
      decidedBy: null,
    });
    const row = await accountRow(acme.id);
    expect(row.status).toBe('suspended');
    expect(row.suspended_at).toBeInstanceOf(Date);
    expect(await trust.listDecisions(acme.id)).toEqual([decision]);

    const [event] = await auditOf(acme.id);
    expect(event).toMatchObject({
      action: 'account.suspended',
      actor_type: 'system',
      target_type: 'account',
      target_id: acme.id,
      details: {
        decision_id: decision!.id,
        score: 1,
        signals,
        automated: true,
        reason: suspension.reason,
      },
    });

    for (const owner of acme.owners) {
      const [email] = await emailsTo(owner);
      expect(email!.subject).toContain('Acme Spam Co');
      expect(email!.text).toContain('Spam and repetition.');
      expect(email!.text).toContain('Spammy messages: 40 (threshold 10)');
    }
    expect(await emailsTo(acme.developer.email)).toEqual([]);
  });

  it('when the account is already suspended, then suspending again changes nothing and emails nobody', async () => {
    const acme = await newAccount();
    await trust.suspend(acme.id, suspension);
    expect(await trust.suspend(acme.id, suspension)).toBeNull();
    expect(await trust.listDecisions(acme.id)).toHaveLength(1);
    expect(await emailsTo(acme.owners[0]!)).toHaveLength(1);
  });

  it('suspended → review requested → reinstated: the account sends again, the history shows every step, and the owners are told', async () => {
    const acme = await newAccount('Reinstated Ltd');
    const suspended = await trust.suspend(acme.id, suspension);
    const review = await askReview(acme, 'These are our customers, who opted in at checkout.');
    expect(review).toMatchObject({
      status: 'pending',
      decisionId: suspended!.id,
      requestedBy: acme.userId,
    });
    expect((await trust.listPendingReviews()).find((r) => r.id === review.id)).toMatchObject({
      accountName: 'Reinstated Ltd',
      decision: { id: suspended!.id, signals },
    });

    const resolved = await trust.resolveReview(review.id, {
      outcome: 'reinstate',
      reason: 'Opt-in records check out.',
      ...operator,
    });
    expect(resolved).toMatchObject({
      status: 'reinstated',
      outcomeReason: 'Opt-in records check out.',
      resolvedBy: 'ops@herald.test',
    });
    expect(resolved.resolvedAt).toBeInstanceOf(Date);
    const row = await accountRow(acme.id);
    expect(row).toMatchObject({ status: 'active', suspended_at: null });
    expect((await trust.listDecisions(acme.id)).map((d) => [d.kind, d.decidedBy])).toEqual([
      ['reinstated', 'ops@herald.test'],
      ['suspended', null],
    ]);
    expect(await trust.listReviewRequests(acme.id)).toEqual([resolved]);
    expect((await trust.listPendingReviews()).map((r) => r.id)).not.toContain(review.id);

    const audit = await auditOf(acme.id);
    expect(audit.map((e) => [e.action, e.actor_type, e.actor_id])).toEqual([
      ['account.suspended', 'system', null],
      ['review.requested', 'user', acme.userId],
      ['account.reinstated', 'operator', 'ops@herald.test'],
    ]);
    expect(audit[1]!.ip).toBe('203.0.113.7');
    expect(audit[2]!.details).toMatchObject({
      review_request_id: review.id,
      reason: 'Opt-in records check out.',
    });

    const emails = await emailsTo(acme.owners[1]!);
    expect(emails.map((e) => e.subject)).toEqual([
      'Sending from Reinstated Ltd on Herald is suspended',
      'Your review request for Reinstated Ltd: sending is back on',
    ]);
    expect(emails[1]!.text).toContain('Opt-in records check out.');
  });

  it('when the operator upholds, then the account stays suspended, the owners are told why, and a new review may be asked for', async () => {
    const acme = await newAccount('Upheld Inc');
    await trust.suspend(acme.id, suspension);
    const review = await askReview(acme, 'Please look again at our list.');
    const resolved = await trust.resolveReview(review.id, {
      outcome: 'uphold',
      reason: 'The list was bought.',
      ...operator,
    });

    expect(resolved.status).toBe('upheld');
    expect((await accountRow(acme.id)).status).toBe('suspended');
    expect((await trust.listDecisions(acme.id))[0]).toMatchObject({
      kind: 'upheld',
      reason: 'The list was bought.',
    });
    expect((await auditOf(acme.id)).at(-1)).toMatchObject({
      action: 'review.upheld',
      actor_type: 'operator',
    });
    expect((await emailsTo(acme.owners[0]!)).at(-1)!.text).toContain('upheld it');

    const again = await askReview(acme, 'We have since cleaned the list.');
    expect(again.status).toBe('pending');
  });

  it('when the account is not suspended, or a review is already pending, then a review request is refused with 409 review_not_allowed', async () => {
    const acme = await newAccount();
    const ask = () => askReview(acme, 'Please review us.');
    await expect(ask()).rejects.toMatchObject({ code: 'review_not_allowed', status: 409 });

    await trust.suspend(acme.id, suspension);
    // Two owners asking at the same moment: the account lock lets exactly one through.
    const results = await Promise.allSettled([ask(), ask()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: 'review_not_allowed' },
    });
    expect(await trust.listReviewRequests(acme.id)).toHaveLength(1);
  });

  it('when the review does not exist, then 404 review_request_not_found; when it was resolved, then 409 review_already_resolved', async () => {
    await expect(
      trust.resolveReview(newId('rev'), { outcome: 'reinstate', reason: 'n/a', ...operator }),
    ).rejects.toMatchObject({ code: 'review_request_not_found', status: 404 });

    const acme = await newAccount();
    await trust.suspend(acme.id, suspension);
    const review = await trust.requestReview(acme.id, {
      userId: null,
      statement: 'Please review us.',
      actor: userActor(acme.userId),
    });
    await trust.resolveReview(review.id, { outcome: 'uphold', reason: 'No.', ...operator });
    await expect(
      trust.resolveReview(review.id, { outcome: 'reinstate', reason: 'Yes.', ...operator }),
    ).rejects.toMatchObject({ code: 'review_already_resolved', status: 409 });
    expect((await accountRow(acme.id)).status).toBe('suspended');
  });

  it('lists pending reviews oldest first, across accounts', async () => {
    const ids: string[] = [];
    for (const name of ['First', 'Second']) {
      const acme = await newAccount(name);
      await trust.suspend(acme.id, suspension);
      ids.push(
        (
          await trust.requestReview(acme.id, {
            userId: null,
            statement: 'Please.',
            actor: userActor(acme.userId),
          })
        ).id,
      );
    }
    const pending = (await trust.listPendingReviews()).map((r) => r.id);
    expect(pending.filter((id) => ids.includes(id))).toEqual(ids);
  });
});
