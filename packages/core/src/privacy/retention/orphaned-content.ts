import type { Kysely } from 'kysely';
import type { ContentDatabase } from '../../platform/stores/content.schema.js';
import type { UsageDatabase } from '../../platform/stores/usage.schema.js';
import type { BatchResult } from './retention-batches.js';
import {
  type ContentPosition,
  deleteContentOf,
  listContentBefore,
} from './retention-content.store.js';
import { existingMessageIds } from './retention-usage.store.js';

/** Orphans removed, and the accounts they belonged to (for the log: a finding to look into). */
export type OrphanReport = BatchResult & { accounts: string[] };

/**
 * Removes orphaned ciphertext: content whose message does not exist in the usage store. A send
 * writes its content before its message row; if the send is then refused and the clean-up
 * fails too (reported as `content_cleanup`), or the process dies in between, the content is
 * left with no message to read it through, no retention of the message to remove it and no
 * erasure that would find it by recipient.
 *
 * `before` is the grace: a younger row may belong to a send still being accepted, so only
 * older ones are looked at. The stores are separate databases, so it walks the content in
 * pages (oldest first) and asks the usage store which of each page's messages exist, in one
 * query per page; only those that do not are deleted, and only if still older than `before`.
 * `exceptAccounts` (legal holds) are never touched.
 */
export async function removeOrphanedContent(
  stores: { content: Kysely<ContentDatabase>; usage: Kysely<UsageDatabase> },
  options: { before: Date; exceptAccounts: string[]; batch: number },
): Promise<OrphanReport> {
  const { before, exceptAccounts, batch } = options;
  let after: ContentPosition | undefined;
  let rows = 0;
  let statements = 0;
  const accounts = new Set<string>();
  for (;;) {
    const page = await listContentBefore(stores.content, {
      before,
      after,
      exceptAccounts,
      limit: batch,
    });
    if (page.length === 0) break;
    const existing = await existingMessageIds(
      stores.usage,
      page.map((row) => row.messageId),
    );
    const orphans = page.filter((row) => !existing.has(row.messageId));
    if (orphans.length > 0) {
      const ids = orphans.map((row) => row.messageId);
      rows += await deleteContentOf(stores.content, ids, before);
      statements += 1;
      for (const row of orphans) accounts.add(row.accountId);
    }
    if (page.length < batch) break;
    after = page.at(-1);
  }
  return { rows, statements, accounts: [...accounts] };
}
