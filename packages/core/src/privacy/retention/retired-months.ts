import { type Kysely, sql } from 'kysely';
import { ID_CLOCK_MARGIN_MS } from '../../platform/ids.js';
import type { AccountDatabase } from '../../platform/stores/account.schema.js';
import type { UsageDatabase } from '../../platform/stores/usage.schema.js';
import {
  boundTime,
  dropMonthPartition,
  listMonthPartitions,
  type MonthPartition,
} from '../../usage-partitions/month-partitions.store.js';
import { addBillingCountsOfAccounts } from '../closure/billing-record.store.js';
import { defaultRetention, type RetentionPolicy } from './retention-policy.js';
import { insertRetentionRuns } from './retention-run.store.js';
import { DAY_MS } from './retention-sweep.js';
import { type AccountTally, PENDING_STATUSES } from './retention-usage.store.js';

export type RetiredMonthsReport = { months: string[]; rows: number };

type Deps = { usage: Kysely<UsageDatabase>; account: Kysely<AccountDatabase> };

/**
 * The first step of a usage retention run: drops whole the months (partitions of `messages`
 * and `message_events`) that every account's policy lets go, instead of deleting their rows
 * one by one. A month goes when it ended before the default cut-off, and holds no pending
 * message and no message of an account that keeps longer or is under a legal hold; the
 * per-account sweep that follows deletes rows only at the edges (a month partly past a cut-off,
 * or one a longer policy keeps).
 *
 * A month's messages are counted into the billing records (and each account's run log) before
 * it goes, in the account store's transaction that marks it counted; the drop comes after, so
 * a run that stops in between drops it next time without counting it again.
 */
export async function retireExpiredMonths(
  deps: Deps,
  now: Date,
  policies: RetentionPolicy[],
): Promise<RetiredMonthsReport> {
  const report: RetiredMonthsReport = { months: [], rows: 0 };
  const defaultCutoff = now.getTime() - defaultRetention.usageDays * DAY_MS;
  const months = await listMonthPartitions(deps.usage, 'messages');
  const events = await listMonthPartitions(deps.usage, 'message_events');
  // The newest month is never dropped: new messages go to it (or to the default partition).
  for (const month of months.slice(0, -1)) {
    // A message's `created_at` may be a little after its id's time (two clocks).
    const endsAt = boundTime(month.to).getTime() + ID_CLOCK_MARGIN_MS;
    if (endsAt > defaultCutoff) break;
    const keepers = policies
      .filter((p) => p.legalHold || endsAt > now.getTime() - p.usageDays * DAY_MS)
      .map((p) => p.accountId);
    if (await monthMustStay(deps.usage, month, keepers)) continue;
    report.rows += await countMonthOnce(deps, month, now);
    const eventsMonth = events.find((e) => e.to === month.to && e.from === month.from);
    // Without a month of their own (one made alone), its events are in the default partition.
    await deleteRowsOfMonth(deps.usage, month, eventsMonth ? LOGS : [...LOGS, 'message_events']);
    try {
      if (eventsMonth) await dropMonthPartition(deps.usage, eventsMonth.name);
      await dropMonthPartition(deps.usage, month.name);
    } catch (error) {
      // Sends held the table: the month is counted, and the next run drops it.
      if ((error as { code?: string }).code === '55P03') break;
      throw error;
    }
    report.months.push(month.name);
  }
  return report;
}

async function monthMustStay(
  usage: Kysely<UsageDatabase>,
  month: MonthPartition,
  keepers: string[],
): Promise<boolean> {
  const part = sql.table(month.name);
  // Each status on its own, so each reads its partial index.
  const pending = PENDING_STATUSES.map((s) => sql`status = ${s}`);
  const { rows } = await sql<{ stays: boolean }>`
    select exists (select 1 from ${part} where account_id = any(${keepers}::text[]))
        or exists (select 1 from ${part} where ${sql.join(pending, sql` or `)}) as stays`.execute(
    usage,
  );
  return rows[0]!.stays;
}

/** Counts the month into billing and each account's run log, unless a run before did. */
async function countMonthOnce(deps: Deps, month: MonthPartition, now: Date): Promise<number> {
  const counted = await deps.account
    .selectFrom('retired_usage_months')
    .select('messages')
    .where('partition', '=', month.name)
    .executeTakeFirst();
  if (counted) return Number(counted.messages);
  const began = performance.now();
  const tallies = await deps.usage.transaction().execute(async (tx) => {
    await sql`set local statement_timeout = 0`.execute(tx);
    const { rows } = await sql<AccountTally>`
      select account_id, to_char(created_at at time zone 'UTC', 'YYYY-MM') as month, channel,
             direction, count(*)::int as messages
        from ${sql.table(month.name)} group by 1, 2, 3, 4`.execute(tx);
    return rows;
  });
  const byAccount = new Map<string, number>();
  for (const t of tallies)
    byAccount.set(t.account_id, (byAccount.get(t.account_id) ?? 0) + t.messages);
  const total = tallies.reduce((sum, t) => sum + t.messages, 0);
  await deps.account.transaction().execute(async (tx) => {
    await tx
      .insertInto('retired_usage_months')
      .values({ partition: month.name, messages: total })
      .execute();
    await addBillingCountsOfAccounts(tx, tallies);
    const durationMs = performance.now() - began;
    await insertRetentionRuns(
      tx,
      [...byAccount].map(([accountId, rowsRemoved]) => ({
        accountId,
        store: 'usage' as const,
        rowsRemoved,
        startedAt: now,
        durationMs,
      })),
    );
  });
  return total;
}

/** The webhook logs: kept by message, not by month, so they go row by row. */
const LOGS = ['webhook_deliveries', 'webhook_attempts', 'webhook_events'] as const;

async function deleteRowsOfMonth(
  usage: Kysely<UsageDatabase>,
  month: MonthPartition,
  tables: ReadonlyArray<(typeof LOGS)[number] | 'message_events'>,
): Promise<void> {
  const inMonth = month.from
    ? sql`message_id >= ${month.from} and message_id < ${month.to}`
    : sql`message_id < ${month.to}`;
  await usage.transaction().execute(async (tx) => {
    await sql`set local statement_timeout = 0`.execute(tx);
    for (const table of tables) {
      await sql`delete from ${sql.table(table)} where ${inMonth}`.execute(tx);
    }
  });
}
