import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { type ApiHarness, OPERATOR_TOKEN, startApiHarness } from '@herald/api/testing';
import {
  AuditLog,
  abusePolicy,
  BestEffort,
  createAbuseChecks,
  createProducerConnection,
  createSystemMailer,
  createWorkerConnection,
  type Logger,
  type SystemEmail,
  systemClock,
  TrustService,
  waitUntilReady,
} from '@herald/core';
import { startDevSinks } from '@herald/devkit';
import { captureLogger, ensureBuilt, eventually, repoRoot } from '@herald/devkit/testing';
import { buildProviders, startWorkers } from '@herald/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_FROM } from '../support/platform.harness.js';

/**
 * A burst of identical spam to many recipients goes through the real API and worker: the
 * worker fingerprints the content as it sends it, the scheduled scorer adds up the signals and
 * suspends the account, records why, and queues an email to its owner. An operator then
 * reinstates it with the CLI. The policy is scaled down (a one-minute window, small thresholds)
 * so the burst stays small; the arithmetic is the production one.
 */
describe('automated abuse suspension, end to end', () => {
  let api: ApiHarness;
  let close: () => Promise<void>;
  let trust: TrustService;
  const emails = {
    read: async (): Promise<Array<Pick<SystemEmail, 'to' | 'subject' | 'text'>>> => [],
  };
  const { logger, lines } = captureLogger('herald-worker');
  const bestEffort = new BestEffort({ logger });

  beforeAll(async () => {
    api = await startApiHarness();
    const sinks = await startDevSinks();
    const connection = createWorkerConnection(api.redisUrl);
    const producer = createProducerConnection(api.redisUrl);
    await waitUntilReady(producer);
    const { mailer, queue: systemEmails } = createSystemMailer({
      redis: producer,
      prefix: api.queuePrefix,
      masterKey: api.masterKey,
      logger: logger as Logger,
    });
    const account = api.t.stores.account;
    trust = new TrustService({
      account,
      audit: new AuditLog({ account }),
      mailer,
      bestEffort,
      clock: systemClock,
    });
    const policy = abusePolicy({
      windowMs: 60_000,
      minVolume: 10,
      velocityBaselineFloor: 2,
      signals: { repeated_content: { threshold: 20 }, spam_patterns: { threshold: 10 } },
    });
    const workers = await startWorkers({
      connection,
      prefix: api.queuePrefix,
      delivery: api.built.core.delivery,
      providers: buildProviders({
        twilio: {
          accountSid: sinks.twilio.accountSid,
          authToken: sinks.twilio.authToken,
          fromNumber: DEV_FROM,
          apiUrl: sinks.twilio.url,
          backup: undefined,
        },
        smtp: { url: sinks.smtp.url, from: 'Herald <no-reply@herald.test>', backupUrl: undefined },
      }),
      systemEmail: { masterKey: api.masterKey },
      usage: api.t.stores.usage,
      queues: api.built.core.queues,
      clock: systemClock,
      logger: logger as Logger,
      bestEffort,
      concurrency: 5,
      backoff: { baseMs: 20, maxMs: 200 },
      reconcile: { intervalMs: 60_000, graceMs: 60_000 },
      abuse: {
        ...createAbuseChecks({
          usage: api.t.stores.usage,
          redis: producer,
          prefix: api.queuePrefix,
          masterKey: api.masterKey,
          policy,
          trust,
          logger: logger as Logger,
          bestEffort,
          clock: systemClock,
        }),
        intervalMs: 250,
      },
    });
    // Herald's own emails go through the worker's email channel to the local SMTP server.
    emails.read = async () =>
      sinks.smtp.received.map((m) => ({
        to: m.envelope.to[0]!,
        subject: m.subject ?? '',
        text: m.text ?? '',
      }));
    close = async () => {
      await workers.close();
      await systemEmails.obliterate({ force: true });
      await systemEmails.close();
      const keys = await producer.keys(`${api.queuePrefix}:abuse-stats:*`);
      if (keys.length > 0) await producer.del(...keys);
      connection.disconnect();
      producer.disconnect();
      await sinks.close();
      await api.close();
    };
  });
  afterAll(async () => {
    expect(api.violations).toEqual([]);
    await close();
  });

  /** A real owner (signed up through the API, with a console session) and an API key. */
  const withOwner = async (name: string) => {
    const owner = await api.signUp({ organization_name: name });
    const key = await owner.send('post', '/v1/api-keys').send({ name: 'sender' }).expect(201);
    return {
      id: owner.accountId,
      userId: owner.userId,
      email: owner.email,
      owner,
      auth: { Authorization: `Bearer ${key.body.secret}` },
    };
  };
  const statusOf = async (id: string) =>
    (
      await api.t.stores.account
        .selectFrom('accounts')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).status;
  const spam =
    'CONGRATULATIONS! You have won a $1000 gift card. Claim your prize now: https://bit.ly/3fr33';
  let spammer: Awaited<ReturnType<typeof withOwner>>;
  let decisionId: string;

  it('when an account blasts identical spam to many recipients, then the scorer suspends it, records the signals, and emails its owner through the SMTP server', async () => {
    spammer = await withOwner('Blast Co');
    const neighbour = await withOwner('Quiet Co');
    for (let i = 0; i < 5; i++) {
      await api.http
        .post('/v1/messages')
        .set(neighbour.auth)
        .send({ channel: 'sms', to: `+1415555010${i}`, body: `Your code is 10${i}` })
        .expect(202);
    }
    // The scorer runs while the burst goes on: once it suspends the account, sends are refused.
    for (let i = 0; i < 30; i++) {
      const res = await api.http
        .post('/v1/messages')
        .set(spammer.auth)
        .send({ channel: 'sms', to: `+1415555${String(2000 + i)}`, body: spam });
      if (res.status === 403 && res.body.code === 'account_suspended') break;
      expect(res.status).toBe(202);
    }

    await eventually(async () => (await statusOf(spammer.id)) === 'suspended', {
      timeoutMs: 20_000,
      what: 'the suspension',
    });
    expect(await statusOf(neighbour.id)).toBe('active');

    const [decision] = await trust.listDecisions(spammer.id);
    decisionId = decision!.id;
    expect(decision).toMatchObject({ kind: 'suspended', automated: true, decidedBy: null });
    expect(decision!.score).toBeGreaterThanOrEqual(1);
    const byName = Object.fromEntries(decision!.signals.map((s) => [s.name, s]));
    expect(byName.spam_patterns).toMatchObject({ threshold: 10, weight: 0.7 });
    expect(byName.spam_patterns!.value).toBeGreaterThanOrEqual(10);
    expect(byName.repeated_content!.value).toBeGreaterThanOrEqual(20);
    expect(byName.send_velocity!.value).toBeGreaterThanOrEqual(10);
    expect(decision!.reason).toContain('content matching known spam patterns');

    const audit = await new AuditLog({ account: api.t.stores.account }).list(spammer.id, {
      limit: 10,
    });
    expect(audit.find((e) => e.action === 'account.suspended')).toMatchObject({
      actor_type: 'system',
      details: { decision_id: decisionId, score: decision!.score, signals: decision!.signals },
    });

    const notice = await eventually(
      async () =>
        (await emails.read()).find(
          (e) => e.to === spammer.email && e.subject.includes('suspended'),
        ),
      {
        what: 'the suspension email at the SMTP server',
      },
    );
    expect(notice!.subject).toBe('Sending from Blast Co on Herald is suspended');
    expect(notice!.text).toContain('Messages in the last minute matching known spam patterns');
    // The worker's logs never carry the content or the recipients it fingerprinted.
    expect(lines.join('\n')).not.toMatch(/won a \$1000|\+14155552/);
  });

  it('an operator lists the pending review with the CLI and reinstates the account; the owner is told and the scorer leaves it alone', async () => {
    ensureBuilt();
    // The owner sees why, in the API, and asks for a person to look.
    const decisions = await spammer.owner.send('get', '/v1/account/decisions').expect(200);
    expect(decisions.body.data[0]).toMatchObject({
      id: decisionId,
      kind: 'suspended',
      automated: true,
    });
    expect((await spammer.owner.send('get', '/v1/account')).body.status).toBe('suspended');
    const filed = await spammer.owner
      .send('post', '/v1/account/review-requests')
      .send({ statement: 'A test campaign that went to our own numbers.' })
      .expect(201);
    const review = { id: filed.body.id as string };
    expect(filed.body).toMatchObject({ status: 'pending', decision_id: decisionId });
    const twice = await spammer.owner
      .send('post', '/v1/account/review-requests')
      .send({ statement: 'Please look again, quickly.' })
      .expect(409);
    expect(twice.body.code).toBe('review_not_allowed');
    const pending = await api.http
      .get('/v1/operator/review-requests')
      .set('Authorization', `Bearer ${OPERATOR_TOKEN}`)
      .expect(200);
    expect(pending.body.data.map((r: { id: string }) => r.id)).toContain(review.id);
    const env = {
      PATH: process.env.PATH ?? '',
      ACCOUNT_DATABASE_URL: api.t.urls.account,
      USAGE_DATABASE_URL: api.t.urls.usage,
      CONTENT_DATABASE_URL: api.t.urls.content,
      REDIS_URL: api.redisUrl,
      HERALD_QUEUE_PREFIX: api.queuePrefix,
    };
    const herald = (args: string[], extra: Record<string, string> = {}) =>
      execFileSync(
        process.execPath,
        [path.join(repoRoot(), 'packages/api/dist/cli/herald.js'), ...args],
        {
          encoding: 'utf8',
          stdio: 'pipe',
          env: { ...env, ...extra },
        },
      );

    const listed = herald(['reviews', 'list']);
    expect(listed).toContain(`${review.id}  ${spammer.id} "Blast Co"`);
    expect(listed).toContain(`suspension ${decisionId} (automated, score`);
    expect(listed).toMatch(/spam_patterns: \d+ \(threshold 10, weight 0.7\)/);

    const resolve = [
      'reviews',
      'resolve',
      review.id,
      '--reinstate',
      '--reason',
      'Own numbers, confirmed.',
    ];
    expect(() => herald(resolve)).toThrow(/needs HERALD_MASTER_KEY/);
    expect(await statusOf(spammer.id)).toBe('suspended');

    const out = herald([...resolve, '--operator', 'ops@herald.test'], {
      HERALD_MASTER_KEY: api.masterKey.key.toString('base64'),
    });
    expect(out).toContain(`${review.id}: reinstated`);
    expect(await statusOf(spammer.id)).toBe('active');
    expect(herald(['reviews', 'list'])).toContain('no review requests are pending');
    const outcome = await eventually(
      async () =>
        (await emails.read()).find(
          (e) => e.to === spammer.email && e.subject.startsWith('Your review request'),
        ),
      {
        what: 'the outcome email at the SMTP server',
      },
    );
    const history = await spammer.owner.send('get', '/v1/account/review-requests').expect(200);
    expect(history.body.data[0]).toMatchObject({
      id: review.id,
      status: 'reinstated',
      outcome_reason: 'Own numbers, confirmed.',
    });
    expect((await spammer.owner.send('get', '/v1/account/decisions')).body.data[0]).toMatchObject({
      kind: 'reinstated',
    });
    await api.http
      .post('/v1/messages')
      .set(spammer.auth)
      .send({ channel: 'sms', to: '+14155550199', body: 'Back to normal' })
      .expect(202);
    expect(outcome!.subject).toBe('Your review request for Blast Co: sending is back on');
    expect(outcome!.text).toContain('Own numbers, confirmed.');

    // What was sent before the reinstatement was judged by a person: the scorer must not undo it.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await statusOf(spammer.id)).toBe('active');
  });
});
