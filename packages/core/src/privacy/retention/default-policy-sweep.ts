import { type Kysely, sql } from 'kysely';
import type { AccountDatabase } from '../../platform/stores/account.schema.js';
import type { UsageDatabase } from '../../platform/stores/usage.schema.js';
import { deleteCountsBefore } from '../../stats/daily-counts.store.js';
import { addBillingCountsOfAccounts } from '../closure/billing-record.store.js';
import { type BatchResult, politely } from './retention-batches.js';
import { defaultRetention } from './retention-policy.js';
import { DAY_MS } from './retention-sweep.js';
import { deleteMessageBatch } from './retention-usage.store.js';

/**
 * Usage retention of every account that keeps the default policy, in one pass: statements of
 * at most `batch` messages, whichever accounts they belong to, instead of one sweep an account.
 * Planning and a round trip per account cost more than the deletes themselves once an account
 * has little to remove, which is every account on a daily run (bench/README.md, "A year of
 * data"). `except` are the accounts with a policy of their own (or a legal hold): the
 * per-account sweep takes those. Returns what each account lost, as its own sweep would have.
 */
export async function sweepDefaultPolicyAccounts(
  deps: { usage: Kysely<UsageDatabase>; account: Kysely<AccountDatabase> },
  now: Date,
  except: string[],
  batch: number,
): Promise<Map<string, BatchResult>> {
  const before = new Date(now.getTime() - defaultRetention.usageDays * DAY_MS);
  const accounts = sql`account_id <> all(${except}::text[])`;
  const byAccount = new Map<string, BatchResult>();
  for (;;) {
    const rows = await politely(() => deleteMessageBatch(deps.usage, accounts, before, batch));
    // Counted for billing before the next statement, as each account's own sweep does.
    await addBillingCountsOfAccounts(deps.account, rows);
    for (const row of rows) {
      const lost = byAccount.get(row.account_id) ?? { rows: 0, statements: 0 };
      byAccount.set(row.account_id, { ...lost, rows: lost.rows + row.messages });
    }
    for (const accountId of new Set(rows.map((r) => r.account_id))) {
      byAccount.get(accountId)!.statements += 1;
    }
    if (rows.reduce((sum, r) => sum + r.messages, 0) < batch) break;
  }
  await deleteCountsBefore(deps.usage, { except }, before);
  return byAccount;
}
