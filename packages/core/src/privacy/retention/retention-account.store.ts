import { type Kysely, sql, type Transaction } from 'kysely';
import type { AccountDatabase } from '../../platform/stores/account.schema.js';
import { type BatchResult, inBatches } from './retention-batches.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

/**
 * The IP log of one account (or, with `accountId` null, of no account: failed log-ins to
 * unknown addresses, operator actions): what is older than `before` is removed.
 */
export type IpLogScope = { accountId: string | null; before: Date };

const ofAccount = (accountId: string | null) =>
  accountId === null ? sql<boolean>`account_id is null` : sql<boolean>`account_id = ${accountId}`;

export async function countIpLog(db: Db, scope: IpLogScope): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select (select count(*) from login_events
              where ${ofAccount(scope.accountId)} and created_at < ${scope.before})
         + (select count(*) from audit_events
              where ${ofAccount(scope.accountId)} and created_at < ${scope.before} and ip is not null)
         + (select count(*) from api_keys
              where ${ofAccount(scope.accountId)} and last_used_at < ${scope.before}
                and last_used_ip is not null) as n`.execute(db);
  return Number(rows[0]!.n);
}

/**
 * Forgets IP addresses and user agents older than the period: the log-in log's rows go, the
 * audit log's events stay (who did what, when) without their IP, keys lose their last-seen IP.
 */
export async function clearIpLog(db: Db, scope: IpLogScope, batch: number): Promise<BatchResult> {
  const where = sql<boolean>`${ofAccount(scope.accountId)} and created_at < ${scope.before}`;
  const logins = await inBatches(async () => {
    const result = await sql`
      delete from login_events where id in (
        select id from login_events where ${where} limit ${batch}
      )`.execute(db);
    return Number(result.numAffectedRows ?? 0);
  }, batch);
  const audit = await inBatches(async () => {
    const result = await sql`
      update audit_events set ip = null where id in (
        select id from audit_events where ${where} and ip is not null limit ${batch}
      )`.execute(db);
    return Number(result.numAffectedRows ?? 0);
  }, batch);
  const keys = await sql`
    update api_keys set last_used_ip = null
    where ${ofAccount(scope.accountId)} and last_used_at < ${scope.before}
      and last_used_ip is not null`.execute(db);
  const keyRows = Number(keys.numAffectedRows ?? 0);
  return {
    rows: logins.rows + audit.rows + keyRows,
    statements: logins.statements + audit.statements + 1,
  };
}

/** Sessions past their absolute expiry, except those of accounts under a legal hold. */
export async function deleteEndedSessions(
  db: Db,
  now: Date,
  exceptAccounts: string[],
): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('expires_at', '<', now)
    .where(sql<boolean>`account_id <> all(${exceptAccounts}::text[])`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Single-use links (per person) and unaccepted invitations (per account) past their expiry. */
export async function deleteSpentTokens(
  db: Db,
  before: Date,
  exceptAccounts: string[],
): Promise<number> {
  const tokens = await db
    .deleteFrom('user_tokens')
    .where('expires_at', '<', before)
    .executeTakeFirst();
  const invitations = await db
    .deleteFrom('invitations')
    .where('expires_at', '<', before)
    .where('accepted_at', 'is', null)
    .where(sql<boolean>`account_id <> all(${exceptAccounts}::text[])`)
    .executeTakeFirst();
  return Number(tokens.numDeletedRows) + Number(invitations.numDeletedRows);
}
