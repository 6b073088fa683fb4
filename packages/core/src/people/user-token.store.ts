import type { Kysely, Transaction } from 'kysely';
import type {
  AccountDatabase,
  UserTokenPurpose,
  UserTokenRow,
} from '../platform/stores/account.schema.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

export async function insertUserToken(
  db: Db,
  row: {
    token_hash: string;
    user_id: string;
    purpose: UserTokenPurpose;
    email: string | null;
    expires_at: Date;
  },
): Promise<void> {
  await db.insertInto('user_tokens').values(row).execute();
}

/** Locks the token row so two concurrent uses cannot both succeed. */
export async function findTokenForUpdate(
  db: Transaction<AccountDatabase>,
  tokenHash: string,
  purpose: UserTokenPurpose,
): Promise<UserTokenRow | undefined> {
  return db
    .selectFrom('user_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .forUpdate()
    .executeTakeFirst();
}

export async function markTokenUsed(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db
    .updateTable('user_tokens')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .execute();
}

/**
 * A new link makes the older ones of the same purpose useless. With `issuedAfter`, only the
 * links issued after it: an undo link voids those of later changes, so the oldest address wins.
 */
export async function expireTokensOf(
  db: Db,
  userId: string,
  purpose: UserTokenPurpose,
  at: Date,
  issuedAfter?: Date,
): Promise<void> {
  let query = db
    .updateTable('user_tokens')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null);
  if (issuedAfter) query = query.where('created_at', '>', issuedAfter);
  await query.execute();
}

/** The address of the newest open email-change link, if any. */
export async function findPendingEmail(db: Db, userId: string, now: Date): Promise<string | null> {
  const row = await db
    .selectFrom('user_tokens')
    .select('email')
    .where('user_id', '=', userId)
    .where('purpose', '=', 'email_verification')
    .where('email', 'is not', null)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.email ?? null;
}

/**
 * The user a live undo link would give `email` back to, if any: until it expires nobody else
 * may take the address, or an attacker could block the undo by signing up with it.
 */
export async function findUndoHolder(
  db: Db,
  email: string,
  now: Date,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('user_tokens')
    .select('user_id')
    .where('purpose', '=', 'email_change_undo')
    .where('email', '=', email)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .limit(1)
    .executeTakeFirst();
  return row?.user_id;
}
