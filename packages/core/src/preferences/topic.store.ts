import type { Kysely, Selectable } from 'kysely';
import type { AccountDatabase, TopicsTable } from '../platform/stores/account.schema.js';

type Db = Kysely<AccountDatabase>;
export type TopicRow = Selectable<TopicsTable>;

export function listTopics(db: Db, accountId: string): Promise<TopicRow[]> {
  return db
    .selectFrom('topics')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('key')
    .execute();
}

export function findTopic(db: Db, accountId: string, key: string): Promise<TopicRow | undefined> {
  return db
    .selectFrom('topics')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** The new topic, or undefined when the account has one with this key already. */
export function insertTopic(
  db: Db,
  row: { account_id: string; key: string; name: string; description: string | null },
): Promise<TopicRow | undefined> {
  return db
    .insertInto('topics')
    .values(row)
    .onConflict((oc) => oc.columns(['account_id', 'key']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function deleteTopic(db: Db, accountId: string, key: string): Promise<boolean> {
  const result = await db
    .deleteFrom('topics')
    .where('account_id', '=', accountId)
    .where('key', '=', key)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
