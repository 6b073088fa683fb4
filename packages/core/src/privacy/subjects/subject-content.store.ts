import type { Kysely, Transaction } from 'kysely';
import type { ContentDatabase } from '../../platform/stores/content.schema.js';

/* Content store SQL about one end user: their messages' ciphertexts and their exports. */

type Db = Kysely<ContentDatabase> | Transaction<ContentDatabase>;

export async function countContents(
  db: Db,
  accountId: string,
  messageIds: readonly string[],
): Promise<number> {
  if (messageIds.length === 0) return 0;
  const row = await db
    .selectFrom('message_contents')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .where('message_id', 'in', messageIds)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteContents(
  db: Db,
  accountId: string,
  messageIds: readonly string[],
): Promise<number> {
  if (messageIds.length === 0) return 0;
  const result = await db
    .deleteFrom('message_contents')
    .where('account_id', '=', accountId)
    .where('message_id', 'in', messageIds)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countSubjectExports(
  db: Db,
  accountId: string,
  identifierHash: string,
): Promise<number> {
  const row = await db
    .selectFrom('subject_exports')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .where('identifier_hash', '=', identifierHash)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** An erasure takes the person's archives with it, built or not. */
export async function deleteSubjectExports(
  db: Db,
  accountId: string,
  identifierHash: string,
): Promise<number> {
  const result = await db
    .deleteFrom('subject_exports')
    .where('account_id', '=', accountId)
    .where('identifier_hash', '=', identifierHash)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
