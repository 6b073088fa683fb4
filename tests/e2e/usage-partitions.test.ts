import {
  type ApiHarness,
  OPERATOR_TOKEN,
  retentionSeed,
  startApiHarness,
  type TestAccount,
} from '@herald/api/testing';
import {
  boundTime,
  type Clock,
  createUsageRetentionProcessor,
  keepMonthsAhead,
  listMonthPartitions,
  migrateStores,
  monthName,
  newIdAt,
  startOfMonth,
} from '@herald/core';
import { captureLogger } from '@herald/devkit/testing';
import { migrationProvider } from '@herald/migrations';
import { type Kysely, Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DAY = 24 * 60 * 60 * 1000;
const BEFORE_PARTITIONING = '2026_12_07_0300_message_daily_counts';

/** Which table a message's row is in: a month partition's name. */
async function partitionOf(h: ApiHarness, id: string): Promise<string> {
  const { rows } = await sql<{ part: string }>`
    select tableoid::regclass::text as part from messages where id = ${id}`.execute(
    h.t.stores.usage,
  );
  return rows[0]!.part;
}

/** Every message of the account, through the API's list, page by page. */
async function listAll(h: ApiHarness, account: TestAccount, query = ''): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { data: Array<{ id: string }>; next_cursor: string | null } } = await h.http
      .get(`/v1/messages?limit=100${query}${cursor ? `&cursor=${cursor}` : ''}`)
      .set(account.auth)
      .expect(200);
    ids.push(...page.body.data.map((m) => m.id));
    cursor = page.body.next_cursor;
  } while (cursor);
  return ids;
}

describe('migration usage/2026_12_07_1000_partition_messages on a store with a year of data', () => {
  let h: ApiHarness;
  const accounts: TestAccount[] = [];
  const seeded = new Map<string, Array<{ id: string; at: Date }>>();

  beforeAll(async () => {
    h = await startApiHarness({ emptyUsage: true });
    const db = h.t.stores.usage as Kysely<unknown>;
    const migrator = new Migrator({ db, provider: migrationProvider('usage') });
    const before = await migrator.migrateTo(BEFORE_PARTITIONING);
    expect(before.error).toBeUndefined();
    for (const name of ['Big', 'Small', 'Webhooks']) accounts.push(await h.newAccount(name));
    // 13 months of messages, three events each, in the tables as they were (foreign keys on).
    const now = Date.now();
    for (const [index, account] of accounts.entries()) {
      const count = index === 0 ? 400 : 150;
      const rows = Array.from({ length: count }, (_, i) => {
        const at = new Date(now - Math.floor(((i + 0.5) / count) * 395 * DAY));
        return { id: newIdAt('msg', at), at };
      });
      seeded.set(account.id, rows);
      await h.t.stores.usage
        .insertInto('messages')
        .values(
          rows.map(({ id, at }) => ({
            id,
            account_id: account.id,
            channel: 'sms' as const,
            recipient: '+14155550100',
            status: 'delivered' as const,
            error_code: null,
            error_message: null,
            provider: 'twilio',
            provider_message_id: null,
            status_callback: null,
            metadata: '{}',
            content_stored: false,
            created_at: at,
            updated_at: at,
            sent_at: at,
            send_at: null,
            expires_at: null,
            provider_error_code: null,
          })),
        )
        .execute();
      await h.t.stores.usage
        .insertInto('message_events')
        .values(
          rows.flatMap(({ id, at }) =>
            (['queued', 'sent', 'delivered'] as const).map((status, step) => ({
              message_id: id,
              account_id: account.id,
              status,
              error_code: null,
              created_at: new Date(at.getTime() + step * 1000),
              webhook_relayed_at: at,
            })),
          ),
        )
        .execute();
    }
    const webhooks = seeded.get(accounts[2]!.id)!;
    await sql`insert into webhook_events (id, account_id, message_id, type, payload, created_at)
      select 'evt_' || m.id, ${accounts[2]!.id}, m.id, 'message.delivered', '{}', now()
        from unnest(${webhooks.map((m) => m.id)}::text[]) as m(id)`.execute(h.t.stores.usage);

    await migrateStores({ usage: h.t.stores.usage });
  }, 120_000);
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await h.close();
  });

  it('makes messages and events partitioned tables, the old rows their first month', async () => {
    const { rows } = await sql<{ name: string }>`
      select c.relname as name from pg_partitioned_table p join pg_class c on c.oid = p.partrelid
       order by 1`.execute(h.t.stores.usage);
    expect(rows.map((r) => r.name)).toEqual(['message_events', 'messages']);
    const first = (await listMonthPartitions(h.t.stores.usage, 'messages'))[0]!;
    expect(first.from).toBeNull();
    expect(first.name).toMatch(/^messages_until_\d{4}_\d{2}$/);
    expect(await partitionOf(h, seeded.get(accounts[0]!.id)![0]!.id)).toBe(first.name);
    // The old table's indexes were adopted, not built again beside it (13), and the indexes
    // made on every partition since: the fallback chains' (1) and the sealed identifiers' (2,
    // ADR 38).
    const { rows: indexes } = await sql<{ n: number }>`
      select count(*)::int as n from pg_indexes where tablename = ${first.name}`.execute(
      h.t.stores.usage,
    );
    expect(indexes[0]!.n).toBe(16);
  });

  it('every message is listed through the API, newest first, and each has its three events', async () => {
    for (const account of accounts) {
      const expected = seeded
        .get(account.id)!
        .map((m) => m.id)
        .sort()
        .reverse();
      expect(await listAll(h, account)).toEqual(expected);
      for (const { id } of seeded.get(account.id)!) {
        const events = await h.http.get(`/v1/messages/${id}/events`).set(account.auth).expect(200);
        expect(events.body.data.map((e: { status: string }) => e.status)).toEqual([
          'queued',
          'sent',
          'delivered',
        ]);
      }
    }
  }, 120_000);

  it('a date range anywhere in the year still finds exactly its messages', async () => {
    const account = accounts[0]!;
    const from = new Date(Date.now() - 200 * DAY);
    const to = new Date(from.getTime() + 7 * DAY);
    const expected = seeded
      .get(account.id)!
      .filter((m) => m.at > from && m.at < to)
      .map((m) => m.id)
      .sort()
      .reverse();
    expect(expected.length).toBeGreaterThan(0);
    const query = `&created_after=${from.toISOString()}&created_before=${to.toISOString()}`;
    expect(await listAll(h, account, query)).toEqual(expected);
  });

  it('deleting a message takes its events and webhook logs with it, without the foreign keys', async () => {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_constraint
       where contype = 'f' and confrelid = 'messages'::regclass`.execute(h.t.stores.usage);
    expect(rows[0]!.n).toBe(0);
    const closing = accounts[2]!;
    const report = await createUsageRetentionProcessor({
      account: h.t.stores.account,
      usage: h.t.stores.usage,
      clock: { now: () => new Date(Date.now() + 30 * DAY) },
      logger: captureLogger().logger,
    })();
    // The default policy keeps 395 days: 30 days on, the oldest month of each account goes.
    expect(report.rowsRemoved).toBeGreaterThan(0);
    const left = async (table: 'messages' | 'message_events' | 'webhook_events') => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.table(table)} where account_id = ${closing.id}`.execute(
        h.t.stores.usage,
      );
      return rows[0]!.n;
    };
    const messages = await left('messages');
    expect(messages).toBeLessThan(150);
    expect(await left('message_events')).toBe(messages * 3);
    expect(await left('webhook_events')).toBe(messages);
  });

  it('new months are made ahead, and a message that went to the default partition moves to its month', async () => {
    const later = new Date(Date.now() + 150 * DAY);
    const account = accounts[1]!;
    const id = newIdAt('msg', later);
    await sql`insert into messages (id, account_id, channel, recipient, status, content_stored, created_at, updated_at)
      values (${id}, ${account.id}, 'sms', '+14155550100', 'delivered', false, ${later}, ${later})`.execute(
      h.t.stores.usage,
    );
    await sql`insert into message_events (message_id, account_id, status, created_at)
      values (${id}, ${account.id}, 'delivered', ${later})`.execute(h.t.stores.usage);
    expect(await partitionOf(h, id)).toBe('messages_default');

    const clock: Clock = { now: () => later };
    const made = await keepMonthsAhead({ usage: h.t.stores.usage, clock });
    expect(made.length).toBeGreaterThan(0);
    expect(await partitionOf(h, id)).toBe(`messages_${monthName(startOfMonth(later))}`);
    const events = await h.http.get(`/v1/messages/${id}/events`).set(account.auth).expect(200);
    expect(events.body.data).toHaveLength(1);
    // Run again: nothing more to make.
    expect(await keepMonthsAhead({ usage: h.t.stores.usage, clock })).toEqual([]);
  });
});

describe('usage retention drops whole months that every policy lets go', () => {
  let h: ApiHarness;
  let standard: TestAccount;
  let brief: TestAccount;
  let held: TestAccount;
  const ids: Record<string, string> = {};
  let firstMonth: { name: string; from: string; to: string };
  let secondMonth: { name: string; from: string; to: string };
  let runAt: Date;

  beforeAll(async () => {
    h = await startApiHarness();
    standard = await h.newAccount('Standard');
    brief = await h.newAccount('Brief');
    held = await h.newAccount('Held');
    await h.http
      .put('/v1/retention-policy')
      .set(brief.auth)
      .send({ content_days: 7, usage_days: 30, ip_log_days: 14 })
      .expect(200);
    await h.http
      .put(`/v1/operator/accounts/${held.id}/legal-hold`)
      .set('Authorization', `Bearer ${OPERATOR_TOKEN}`)
      .send({ legal_hold: true, reason: 'Litigation hold' })
      .expect(200);
    const months = await listMonthPartitions(h.t.stores.usage, 'messages');
    firstMonth = months[1] as typeof firstMonth;
    secondMonth = months[2] as typeof secondMonth;
    const middle = (m: { from: string }) => new Date(boundTime(m.from).getTime() + 10 * DAY);
    const seed = retentionSeed(h.t.stores, h.masterKey);
    const at = middle(firstMonth);
    ids.standardA = await seed.message({ accountId: standard.id, createdAt: at });
    ids.standardB = await seed.message({ accountId: standard.id, createdAt: at });
    ids.brief = await seed.message({ accountId: brief.id, createdAt: at });
    ids.standardLater = await seed.message({
      accountId: standard.id,
      createdAt: middle(secondMonth),
    });
    ids.held = await seed.message({ accountId: held.id, createdAt: middle(secondMonth) });
    // In the first partition (this month): one sent, one still scheduled.
    ids.sentNow = await seed.message({ accountId: standard.id, createdAt: new Date() });
    ids.pendingNow = await seed.message({
      accountId: standard.id,
      createdAt: new Date(),
      status: 'scheduled',
    });
    await sql`insert into webhook_events (id, account_id, message_id, type, payload, created_at)
      values ('evt_dropped', ${standard.id}, ${ids.standardA}, 'message.delivered', '{}', now())`.execute(
      h.t.stores.usage,
    );
    // Past the default 395 days for both months.
    runAt = new Date(boundTime(secondMonth.to).getTime() + 400 * DAY);
  });
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await h.close();
  });

  const run = () =>
    createUsageRetentionProcessor({
      account: h.t.stores.account,
      usage: h.t.stores.usage,
      clock: { now: () => runAt },
      logger: captureLogger().logger,
    })();
  const remaining = async () => {
    const rows = await h.t.stores.usage.selectFrom('messages').select('id').execute();
    return new Set(rows.map((r) => r.id));
  };
  const billing = async () =>
    h.t.stores.account
      .selectFrom('billing_records')
      .select(['account_id', 'month', 'messages'])
      .orderBy('account_id')
      .orderBy('month')
      .execute();

  it('drops a month no account must keep, counting it for billing first; deletes rows only where a month must stay', async () => {
    const report = await run();
    expect(report.months.months).toEqual([firstMonth.name]);
    expect(report.months.rows).toBe(3);
    const parts = (await listMonthPartitions(h.t.stores.usage, 'messages')).map((p) => p.name);
    expect(parts).not.toContain(firstMonth.name);
    expect(parts).toContain(secondMonth.name);
    const eventParts = (await listMonthPartitions(h.t.stores.usage, 'message_events')).map(
      (p) => p.to,
    );
    expect(eventParts).not.toContain(firstMonth.to);

    const left = await remaining();
    // The held account's message stays with its month; the standard account's one beside it
    // goes row by row, as does the sent one of this month; the scheduled one is still pending.
    expect([...left].sort()).toEqual([ids.held, ids.pendingNow].sort());
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from webhook_events where id = 'evt_dropped'`.execute(
      h.t.stores.usage,
    );
    expect(rows[0]!.n).toBe(0);

    const month = boundTime(firstMonth.from).toISOString().slice(0, 7);
    expect(await billing()).toEqual(
      expect.arrayContaining([
        { account_id: standard.id, month, messages: '2' },
        { account_id: brief.id, month, messages: '1' },
      ]),
    );
    const runs = await h.t.stores.account
      .selectFrom('retention_runs')
      .select(['account_id', 'rows_removed'])
      .where('store', '=', 'usage')
      .execute();
    expect(runs).toEqual(
      expect.arrayContaining([
        { account_id: standard.id, rows_removed: 2 },
        { account_id: brief.id, rows_removed: 1 },
      ]),
    );
  });

  it('a second run counts nothing twice and drops nothing more', async () => {
    const before = await billing();
    const report = await run();
    expect(report.months.months).toEqual([]);
    expect(await billing()).toEqual(before);
    expect([...(await remaining())].sort()).toEqual([ids.held, ids.pendingNow].sort());
  });
});
