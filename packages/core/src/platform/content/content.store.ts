import { type Kysely, sql, type Transaction } from 'kysely';
import type { ContentDatabase, DataKeyRow } from '../stores/content.schema.js';

type Db = Kysely<ContentDatabase> | Transaction<ContentDatabase>;

export async function findDataKey(db: Db, accountId: string): Promise<DataKeyRow | undefined> {
  return db
    .selectFrom('data_keys')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** Inserts the key unless another process won the race; either way returns the stored one. */
export async function insertDataKeyIfAbsent(
  db: Db,
  row: { account_id: string; wrapped_key: Buffer; kek_id: string },
): Promise<DataKeyRow> {
  await db
    .insertInto('data_keys')
    .values(row)
    .onConflict((oc) => oc.column('account_id').doNothing())
    .execute();
  const stored = await findDataKey(db, row.account_id);
  if (!stored) throw new Error('data key vanished right after it was written');
  return stored;
}

/**
 * Writes each ciphertext only while the data key it was sealed under (identified by its wrapped
 * bytes, unique per key because each wrap has a fresh IV) is still the account's key. Many rows
 * go in one statement (see `coalesce`); answers, in order, whether each was written, so the
 * caller can seal again under the current key when it was not.
 */
export async function insertContents(
  db: Db,
  items: ReadonlyArray<{
    row: { message_id: string; account_id: string; ciphertext: Buffer };
    sealedUnder: Buffer;
  }>,
): Promise<boolean[]> {
  const values = sql.join(
    items.map(
      ({ row, sealedUnder }) =>
        sql`(${row.message_id}::text, ${row.account_id}::text, ${row.ciphertext}::bytea, ${sealedUnder}::bytea)`,
    ),
  );
  const written = await sql<{ message_id: string }>`
    insert into message_contents (message_id, account_id, ciphertext)
    select v.message_id, v.account_id, v.ciphertext
    from (values ${values}) as v(message_id, account_id, ciphertext, sealed_under)
    join data_keys k on k.account_id = v.account_id and k.wrapped_key = v.sealed_under
    returning message_id`.execute(db);
  const ids = new Set(written.rows.map((row) => row.message_id));
  return items.map(({ row }) => ids.has(row.message_id));
}

/** The ciphertexts of many messages (one account each), in one statement; absent ones are missing. */
export async function findContents(
  db: Db,
  keys: ReadonlyArray<{ accountId: string; messageId: string }>,
): Promise<Map<string, Buffer>> {
  const rows = await db
    .selectFrom('message_contents')
    .select(['account_id', 'message_id', 'ciphertext'])
    .where(
      'message_id',
      'in',
      keys.map((k) => k.messageId),
    )
    .execute();
  return new Map(
    rows
      .filter((row) =>
        keys.some((k) => k.messageId === row.message_id && k.accountId === row.account_id),
      )
      .map((row) => [`${row.account_id}/${row.message_id}`, row.ciphertext]),
  );
}

export async function deleteContent(db: Db, accountId: string, messageId: string): Promise<void> {
  await db
    .deleteFrom('message_contents')
    .where('message_id', '=', messageId)
    .where('account_id', '=', accountId)
    .execute();
}
