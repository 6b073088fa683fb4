import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  type ApiHarness,
  OPERATOR_TOKEN,
  retentionSeed,
  startApiHarness,
  TEST_OPERATOR_EMAIL,
  type TestAccount,
} from '@herald/api/testing';
import {
  type Clock,
  createAccountRetentionProcessor,
  createContentRetentionProcessor,
  createUsageRetentionProcessor,
} from '@herald/core';
import { captureLogger, ensureBuilt, repoRoot } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DAY = 24 * 60 * 60 * 1000;
const AGES = [1, 10, 20, 40, 100, 400];

/**
 * The three retention jobs over real stores, with a clock the test moves: two organisations
 * with different policies and one under a legal hold, each with rows of every age in every store.
 */
describe('retention: one job per store, each account under its own policy', () => {
  let h: ApiHarness;
  let standard: TestAccount; // the defaults: content 30 days, usage 395, IP log 90
  let brief: TestAccount; // content 7, usage 30, IP log 14
  let held: TestAccount; // content 1, usage 1, IP log 1, under a legal hold
  const ids: Record<string, Record<number, string>> = {};
  const pending: Record<string, string> = {};
  const keys: Record<string, { fresh: string; stale: string }> = {};
  let now = new Date();
  const clock: Clock = { now: () => now };

  beforeAll(async () => {
    h = await startApiHarness();
    standard = await h.newAccount('Standard');
    brief = await h.newAccount('Brief');
    held = await h.newAccount('Held');
    const put = (account: TestAccount, body: object) =>
      h.http.put('/v1/retention-policy').set(account.auth).send(body).expect(200);
    await put(brief, { content_days: 7, usage_days: 30, ip_log_days: 14 });
    await put(held, { content_days: 1, usage_days: 1, ip_log_days: 1 });
    await h.http
      .put(`/v1/operator/accounts/${held.id}/legal-hold`)
      .set('Authorization', `Bearer ${OPERATOR_TOKEN}`)
      .send({ legal_hold: true, reason: 'Litigation hold' })
      .expect(200);

    const seed = retentionSeed(h.t.stores, h.masterKey);
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    for (const account of [standard, brief, held]) {
      ids[account.id] = {};
      for (const age of AGES)
        ids[account.id]![age] = await seed.message({ accountId: account.id, createdAt: ago(age) });
      // Scheduled 40 days ago for later: neither it nor its content may go before it is sent.
      pending[account.id] = await seed.message({
        accountId: account.id,
        createdAt: ago(40),
        status: 'scheduled',
      });
      for (const age of [5, 20, 100]) await seed.login(account.id, ago(age));
      keys[account.id] = {
        fresh: await seed.idempotencyKey(account.id, new Date(now.getTime() - 2 * 3_600_000)),
        stale: await seed.idempotencyKey(account.id, new Date(now.getTime() - 30 * 3_600_000)),
      };
      await h.t.stores.usage
        .insertInto('suppressions')
        .values({
          id: `sup_${account.id.slice(4)}`,
          account_id: account.id,
          channel: 'sms',
          identifier_hash: `hash-${account.id}`,
          identifier_masked: '+1415•••0100',
          reason: 'opt_out',
          created_at: ago(1000),
        })
        .execute();
    }
  });
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await h.close();
  });

  const deps = () => ({
    account: h.t.stores.account,
    usage: h.t.stores.usage,
    content: h.t.stores.content,
    clock,
    logger: captureLogger().logger,
    batchSize: 2,
  });
  const runAll = async () => ({
    content: await createContentRetentionProcessor(deps())(),
    usage: await createUsageRetentionProcessor(deps())(),
    account: await createAccountRetentionProcessor(deps())(),
  });
  const agesOf = (accountId: string, kept: string[]) =>
    AGES.filter((age) => kept.includes(ids[accountId]![age]!));
  const kept = async (accountId: string) => {
    const contents = await h.t.stores.content
      .selectFrom('message_contents')
      .select('message_id')
      .where('account_id', '=', accountId)
      .execute();
    const messages = await h.t.stores.usage
      .selectFrom('messages')
      .select('id')
      .where('account_id', '=', accountId)
      .execute();
    const events = await h.t.stores.usage
      .selectFrom('message_events')
      .select('message_id')
      .where('account_id', '=', accountId)
      .execute();
    const logins = await h.t.stores.account
      .selectFrom('login_events')
      .select('created_at')
      .where('account_id', '=', accountId)
      .where('user_agent', '=', 'Seed/1.0')
      .orderBy('created_at', 'desc')
      .execute();
    const idem = await h.t.stores.usage
      .selectFrom('idempotency_keys')
      .select('key')
      .where('account_id', '=', accountId)
      .execute();
    const suppressions = await h.t.stores.usage
      .selectFrom('suppressions')
      .select('id')
      .where('account_id', '=', accountId)
      .execute();
    const contentIds = contents.map((c) => c.message_id);
    const messageIds = messages.map((m) => m.id);
    return {
      content: agesOf(accountId, contentIds),
      usage: agesOf(accountId, messageIds),
      eventsOfKeptMessagesOnly: events.every((e) => messageIds.includes(e.message_id)),
      pendingKept:
        contentIds.includes(pending[accountId]!) && messageIds.includes(pending[accountId]!),
      logins: logins.map((l) => Math.round((now.getTime() - l.created_at.getTime()) / DAY)),
      idempotency: idem.map((k) => (k.key === keys[accountId]!.fresh ? 'fresh' : 'stale')).sort(),
      suppressions: suppressions.length,
    };
  };

  it('the preview says what the next runs remove; the runs remove exactly that, in bounded batches, and record it', async () => {
    const preview = async (account: TestAccount) =>
      (await h.http.get('/v1/retention-policy/preview').set(account.auth).expect(200)).body;
    expect(await preview(standard)).toMatchObject({
      content: 3,
      usage: 1,
      account: 1,
      legal_hold: false,
    });
    expect(await preview(brief)).toMatchObject({
      content: 5,
      usage: 3,
      account: 2,
      legal_hold: false,
    });
    expect(await preview(held)).toMatchObject({
      content: 0,
      usage: 0,
      account: 0,
      legal_hold: true,
    });

    const report = await runAll();

    expect(await kept(standard.id)).toEqual({
      content: [1, 10, 20],
      usage: [1, 10, 20, 40, 100],
      eventsOfKeptMessagesOnly: true,
      pendingKept: true,
      logins: [5, 20],
      idempotency: ['fresh'],
      suppressions: 1,
    });
    expect(await kept(brief.id)).toEqual({
      content: [1],
      usage: [1, 10, 20],
      eventsOfKeptMessagesOnly: true,
      pendingKept: true,
      logins: [5],
      idempotency: ['fresh'],
      suppressions: 1,
    });
    expect(await kept(held.id)).toEqual({
      content: AGES,
      usage: AGES,
      eventsOfKeptMessagesOnly: true,
      pendingKept: true,
      logins: [5, 20, 100],
      idempotency: ['fresh', 'stale'],
      suppressions: 1,
    });

    // At most 2 rows per statement: 5 rows take 3 statements (2, 2, 1); 3 take 2; 1 takes 1.
    const byAccount = (r: { runs: Array<{ accountId: string }> }) =>
      Object.fromEntries(r.runs.map(({ accountId, ...rest }) => [accountId, rest]));
    expect(byAccount(report.content)).toEqual({
      [standard.id]: { rows: 3, statements: 2 },
      [brief.id]: { rows: 5, statements: 3 },
    });
    expect(byAccount(report.usage)).toEqual({
      [standard.id]: { rows: 1, statements: 1 },
      [brief.id]: { rows: 3, statements: 2 },
    });
    expect(report.usage.idempotencyKeys.rows).toBe(2);
    expect(byAccount(report.account)).toMatchObject({
      [standard.id]: { rows: 1 },
      [brief.id]: { rows: 2 },
    });
    for (const r of Object.values(report)) expect(r.held).toBe(1);

    const runs = await h.t.stores.account
      .selectFrom('retention_runs')
      .select(['account_id', 'store', 'rows_removed', 'started_at'])
      .execute();
    expect(
      runs
        .map(
          (r) => `${r.account_id === brief.id ? 'brief' : 'standard'} ${r.store} ${r.rows_removed}`,
        )
        .sort(),
    ).toEqual([
      'brief account 2',
      'brief content 5',
      'brief usage 3',
      'standard account 1',
      'standard content 3',
      'standard usage 1',
    ]);
    expect(runs.every((r) => r.started_at.getTime() === now.getTime())).toBe(true);
    const listed = await h.http.get('/v1/retention-policy/runs').set(brief.auth).expect(200);
    expect(
      listed.body.data.map(
        (r: { store: string; rows_removed: number }) => `${r.store} ${r.rows_removed}`,
      ),
    ).toEqual(['account 2', 'usage 3', 'content 5']);

    // The removed messages were counted for billing before they went.
    const billing = await h.t.stores.account
      .selectFrom('billing_records')
      .select(['account_id', 'messages'])
      .execute();
    const billed = (id: string) =>
      billing.filter((b) => b.account_id === id).reduce((n, b) => n + Number(b.messages), 0);
    expect([billed(standard.id), billed(brief.id), billed(held.id)]).toEqual([1, 3, 0]);

    // Nothing is left to remove, so nothing is recorded.
    const again = await runAll();
    expect([again.content.runs, again.usage.runs, again.account.runs]).toEqual([[], [], []]);
    expect(await preview(brief)).toMatchObject({ content: 0, usage: 0, account: 0 });
  });

  it('moving the clock 30 days on, the next run removes what has since grown old', async () => {
    now = new Date(now.getTime() + 30 * DAY);
    const report = await createContentRetentionProcessor(deps())();
    // The standard account's content was 1, 10 and 20 days old: now 31, 40 and 50.
    expect(report.runs.find((r) => r.accountId === standard.id)).toEqual({
      accountId: standard.id,
      rows: 3,
      statements: 2,
    });
    expect((await kept(standard.id)).content).toEqual([]);
    expect((await kept(standard.id)).pendingKept).toBe(true);
    expect((await kept(held.id)).content).toEqual(AGES);
  });

  describe('the legal hold from the command line', () => {
    beforeAll(() => ensureBuilt());
    const herald = (...args: string[]) =>
      execFileSync(
        process.execPath,
        [path.join(repoRoot(), 'packages/api/dist/cli/herald.js'), ...args],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
          env: {
            PATH: process.env.PATH,
            ACCOUNT_DATABASE_URL: h.t.urls.account,
            USAGE_DATABASE_URL: h.t.urls.usage,
            CONTENT_DATABASE_URL: h.t.urls.content,
          },
        },
      );

    it('accounts legal-hold --off lifts it (audited with the operator) and the next run catches up', async () => {
      expect(
        herald(
          'accounts',
          'legal-hold',
          held.id,
          '--off',
          '--reason',
          'Case closed',
          '--operator',
          TEST_OPERATOR_EMAIL,
        ),
      ).toContain('legal hold off');
      const [event] = await h.t.stores.account
        .selectFrom('audit_events')
        .select(['actor_type', 'actor_id', 'details'])
        .where('account_id', '=', held.id)
        .where('action', '=', 'retention.legal_hold_lifted')
        .execute();
      expect(event).toEqual({
        actor_type: 'operator',
        actor_id: (
          await h.t.stores.account
            .selectFrom('operators')
            .select('id')
            .where('email', '=', TEST_OPERATOR_EMAIL)
            .executeTakeFirstOrThrow()
        ).id,
        details: { legal_hold: false, reason: 'Case closed' },
      });
      await runAll();
      const left = await kept(held.id);
      expect([left.content, left.usage, left.logins, left.pendingKept]).toEqual([[], [], [], true]);
      expect(() => herald('accounts', 'legal-hold', held.id, '--reason', 'x')).toThrow(
        /--on or --off/,
      );
    });
  });
});
