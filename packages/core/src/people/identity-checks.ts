import type { Kysely, Transaction } from 'kysely';
import { verifyPassword } from '../platform/crypto/password.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import type { AccountDatabase, UserRow } from '../platform/stores/account.schema.js';
import type { PeopleDeps, RequestMeta } from './people-deps.js';
import { findUserByEmail } from './user.store.js';
import { findUndoHolder } from './user-token.store.js';

/**
 * Whether `email` is someone else's: a user has it, or a live undo link will give it back to
 * its former user (ADR 16). `self` is the user asking, who may take back their own old address.
 */
export async function addressTaken(
  db: Kysely<AccountDatabase> | Transaction<AccountDatabase>,
  email: string,
  now: Date,
  self?: string,
): Promise<boolean> {
  const [holder, undoHolder] = await Promise.all([
    findUserByEmail(db, email),
    findUndoHolder(db, email, now),
  ]);
  return (holder !== undefined && holder.id !== self) || (undoHolder ?? self) !== self;
}

/**
 * A logged-in person proves they are who the session says before a change of who can sign in
 * (password, email). Failures count against the log-in throttle, so a stolen session cannot
 * guess the password faster than the log-in page lets anyone.
 */
export async function proveCurrentPassword(
  deps: PeopleDeps,
  user: UserRow,
  password: string | undefined,
  meta: RequestMeta,
  /** The request field the password came in, named by the errors. */
  param = 'current_password',
): Promise<void> {
  if (password === undefined) {
    throw new HeraldError('missing_field', {
      param,
      detail: 'This change needs your current password: send it as `current_password`.',
    });
  }
  const ip = meta.ip ?? 'unknown';
  await deps.throttle.check(user.email, ip);
  if (!(await verifyPassword(user.password_hash, password))) {
    await deps.throttle.recordFailure(user.email, ip);
    throw new HeraldError('password_incorrect', { param });
  }
}
