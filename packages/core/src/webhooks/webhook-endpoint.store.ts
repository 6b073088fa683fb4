import { sql, type Updateable } from 'kysely';
import type {
  NewWebhookEndpointRow,
  WebhookAccountDb,
  WebhookEndpointRow,
  WebhookEndpointsTable,
} from './webhook.schema.js';

/** Account store SQL for webhook endpoints and the account's signing secret. */

export async function insertEndpoint(
  db: WebhookAccountDb,
  row: NewWebhookEndpointRow,
): Promise<WebhookEndpointRow> {
  return db.insertInto('webhook_endpoints').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Newest first. */
export async function listEndpoints(
  db: WebhookAccountDb,
  accountId: string,
): Promise<WebhookEndpointRow[]> {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('id', 'desc')
    .execute();
}

/** `lock` takes the row for the rest of the caller's transaction. */
export async function findEndpoint(
  db: WebhookAccountDb,
  accountId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<WebhookEndpointRow | undefined> {
  const query = db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

type EndpointFields = Omit<
  Updateable<WebhookEndpointsTable>,
  'id' | 'account_id' | 'created_at' | 'updated_at'
>;

export async function updateEndpoint(
  db: WebhookAccountDb,
  accountId: string,
  id: string,
  fields: EndpointFields,
): Promise<WebhookEndpointRow | undefined> {
  return db
    .updateTable('webhook_endpoints')
    .set({ ...fields, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteEndpoint(
  db: WebhookAccountDb,
  accountId: string,
  id: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('webhook_endpoints')
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The endpoints that receive events, for a batch of accounts. */
export async function listActiveEndpoints(
  db: WebhookAccountDb,
  accountIds: readonly string[],
): Promise<WebhookEndpointRow[]> {
  if (accountIds.length === 0) return [];
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('account_id', 'in', accountIds)
    .where('disabled', '=', false)
    .execute();
}

export async function findSigningSecret(
  db: WebhookAccountDb,
  accountId: string,
): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom('signing_secrets')
    .select('secret_sealed')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row?.secret_sealed;
}

/** Keeps the first secret when two requests create one at once; returns the one that won. */
export async function insertSigningSecretIfAbsent(
  db: WebhookAccountDb,
  accountId: string,
  sealed: Buffer,
): Promise<Buffer> {
  await db
    .insertInto('signing_secrets')
    .values({ account_id: accountId, secret_sealed: sealed })
    .onConflict((oc) => oc.column('account_id').doNothing())
    .execute();
  const stored = await findSigningSecret(db, accountId);
  if (!stored) throw new Error('signing secret vanished after insert');
  return stored;
}
