import { createAccountRetentionProcessor, newId, upsertRetentionPolicy } from '@herald/core';
import {
  accountServiceFor,
  captureLogger,
  createTestStores,
  type TestStores,
} from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DAY = 24 * 60 * 60 * 1000;

describe('the account store retention job', () => {
  let t: TestStores;
  beforeAll(async () => {
    t = await createTestStores();
  });
  afterAll(() => t.drop());

  const now = new Date('2027-03-01T00:00:00Z');
  const ago = (days: number) => new Date(now.getTime() - days * DAY);

  async function seedIpLog(accountId: string | null, ages: number[]) {
    for (const [i, age] of ages.entries()) {
      const ip = `198.51.100.${age}`;
      await t.stores.account
        .insertInto('login_events')
        .values({
          user_id: null,
          account_id: accountId,
          success: i % 2 === 0,
          ip,
          user_agent: 'Firefox',
          created_at: ago(age),
        })
        .execute();
      await t.stores.account
        .insertInto('audit_events')
        .values({
          id: newId('aud'),
          account_id: accountId,
          actor_type: 'system',
          actor_id: null,
          action: 'test',
          target_type: null,
          target_id: null,
          ip,
          details: '{}',
          created_at: ago(age),
        })
        .execute();
    }
  }

  const ipsOf = async (accountId: string | null) => {
    const base = (table: 'login_events' | 'audit_events') =>
      t.stores.account
        .selectFrom(table)
        .select('ip')
        .where('account_id', accountId === null ? 'is' : '=', accountId)
        .orderBy('created_at');
    return {
      logins: (await base('login_events').execute()).map((r) => r.ip),
      audit: (await base('audit_events').where('action', '=', 'test').execute()).map((r) => r.ip),
    };
  };

  it("forgets each account's IP log after its own ip_log_days, in bounded batches, and keeps the rest", async () => {
    const accounts = accountServiceFor(t.stores.account);
    const standard = await accounts.createAccount('Ninety days');
    const brief = await accounts.createAccount('Seven days');
    await upsertRetentionPolicy(t.stores.account, brief.id, { ip_log_days: 7 });
    const { key: oldKey } = await accounts.createApiKey(standard.id, { name: 'old' });
    const { key: newKey } = await accounts.createApiKey(standard.id, { name: 'new' });
    const { key: briefKey } = await accounts.createApiKey(brief.id, { name: 'brief' });
    for (const [id, age, ip] of [
      [oldKey.id, 100, '192.0.2.1'],
      [newKey.id, 10, '192.0.2.2'],
      [briefKey.id, 10, '192.0.2.3'],
    ] as const) {
      await t.stores.account
        .updateTable('api_keys')
        .set({ last_used_at: ago(age), last_used_ip: ip })
        .where('id', '=', id)
        .execute();
    }
    await seedIpLog(standard.id, [100, 95, 10]);
    await seedIpLog(brief.id, [100, 10, 3]);
    // Failed log-ins to addresses nobody has: no account, so the default period.
    await seedIpLog(null, [100, 3]);

    const run = createAccountRetentionProcessor({
      account: t.stores.account,
      usage: t.stores.usage,
      content: t.stores.content,
      clock: { now: () => now },
      logger: captureLogger().logger,
      batchSize: 1,
    });
    const report = await run();
    // Two log-ins and two audit IPs of the standard account, one at a time (+1 empty statement
    // each), and the old key's IP; four rows and the key of the brief account.
    expect(report.runs).toEqual(
      [
        { accountId: standard.id, rows: 5, statements: 7 },
        { accountId: brief.id, rows: 5, statements: 7 },
      ].sort((a, b) => a.accountId.localeCompare(b.accountId)),
    );
    expect(report.unowned.rows).toBe(2);

    expect(await ipsOf(standard.id)).toEqual({
      logins: ['198.51.100.10'],
      audit: [null, null, '198.51.100.10'],
    });
    expect(await ipsOf(brief.id)).toEqual({
      logins: ['198.51.100.3'],
      audit: [null, null, '198.51.100.3'],
    });
    expect(await ipsOf(null)).toEqual({ logins: ['198.51.100.3'], audit: [null, '198.51.100.3'] });
    const keys = await t.stores.account
      .selectFrom('api_keys')
      .select(['id', 'last_used_ip'])
      .execute();
    expect(Object.fromEntries(keys.map((k) => [k.id, k.last_used_ip]))).toEqual({
      [oldKey.id]: null,
      [newKey.id]: '192.0.2.2',
      [briefKey.id]: null,
    });
    const runs = await t.stores.account
      .selectFrom('retention_runs')
      .select(['account_id', 'store', 'rows_removed', 'started_at'])
      .orderBy('account_id')
      .execute();
    expect(runs).toEqual(
      [standard.id, brief.id]
        .sort()
        .map((id) => ({ account_id: id, store: 'account', rows_removed: 5, started_at: now })),
    );

    // A second run has nothing left to do, and records nothing.
    const again = await run();
    expect([again.rowsRemoved, again.runs, again.unowned.rows]).toEqual([0, [], 0]);
  });

  it('ends expired sessions and spent links, except those of an account under a legal hold', async () => {
    const accounts = accountServiceFor(t.stores.account);
    const held = await accounts.createAccount('Held');
    const free = await accounts.createAccount('Free');
    await upsertRetentionPolicy(t.stores.account, held.id, {
      legal_hold: true,
      legal_hold_reason: 'case 12',
    });
    const user = await t.stores.account
      .insertInto('users')
      .values({
        id: newId('usr'),
        email: 'held@example.com',
        name: 'H',
        password_hash: 'x',
        email_verified_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const account of [held, free]) {
      await t.stores.account
        .insertInto('sessions')
        .values({
          id_hash: `hash-${account.id}`,
          user_id: user.id,
          account_id: account.id,
          expires_at: ago(1),
        })
        .execute();
    }
    const report = await createAccountRetentionProcessor({
      account: t.stores.account,
      usage: t.stores.usage,
      content: t.stores.content,
      clock: { now: () => now },
      logger: captureLogger().logger,
    })();
    expect(report.sessions).toBe(1);
    expect(report.held).toBe(1);
    const left = await t.stores.account.selectFrom('sessions').select('account_id').execute();
    expect(left.map((s) => s.account_id)).toEqual([held.id]);
  });
});
