import type { Transaction } from 'kysely';
import {
  addressInUseEmail,
  consoleLink,
  emailChangeNoticeEmail,
  passwordResetEmail,
  verificationEmail,
} from '../notifications/templates.js';
import { hashPassword } from '../platform/crypto/password.js';
import { hashToken, newSecretToken } from '../platform/crypto/secret-token.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import type {
  AccountDatabase,
  UserRow,
  UserTokenPurpose,
  UserTokenRow,
} from '../platform/stores/account.schema.js';
import { addressTaken } from './identity-checks.js';
import { firstMembershipOf } from './membership.store.js';
import { releaseAccountsOwnedBy } from './owner-verification.store.js';
import {
  HOUR_MS,
  isUniqueViolation,
  normalizeEmail,
  type PeopleDeps,
  type RequestMeta,
} from './people-deps.js';
import { deleteSessionsOf } from './session.store.js';
import { findUser, findUserByEmail, updateUser } from './user.store.js';
import {
  expireTokensOf,
  findTokenForUpdate,
  insertUserToken,
  markTokenUsed,
} from './user-token.store.js';

const VERIFICATION_TTL_MS = 24 * HOUR_MS;
const RESET_TTL_MS = HOUR_MS;
const UNDO_TTL_MS = 7 * 24 * HOUR_MS;

/**
 * Email verification (and email change, and its undo) and password reset, by single-use emailed
 * tokens, stored only as hashes.
 */
export class RecoveryService {
  constructor(private readonly deps: PeopleDeps) {}

  /**
   * The user asked for a new link: to their address while it is unverified, else to the address
   * they are changing to. Limited per user (`email_throttled`); nothing is sent when there is
   * nothing to verify.
   */
  async resendEmailVerification(user: UserRow, pendingEmail: string | null): Promise<void> {
    const verified = user.email_verified_at !== null;
    if (verified && pendingEmail === null) return;
    await this.deps.emailRequests.verification(user.id);
    await this.sendEmailVerification(user, verified ? (pendingEmail ?? undefined) : undefined);
  }

  /**
   * Emails a verification link to the user's address, or to `newEmail` for an email change.
   * When `newEmail` belongs to another user, its owner is told instead and the change stays
   * pending for ever: the answer is the same as for an address nobody holds.
   */
  async sendEmailVerification(user: UserRow, newEmail?: string): Promise<void> {
    const token = await this.issue(
      user.id,
      'email_verification',
      VERIFICATION_TTL_MS,
      newEmail ?? null,
    );
    if (newEmail !== undefined && (await findUserByEmail(this.deps.db, newEmail))) {
      await this.sendAddressInUse(newEmail, 'email_change');
      return;
    }
    const to = newEmail ?? user.email;
    await this.deps.mailer.send(
      verificationEmail(to, user.name, consoleLink(this.deps.publicUrl, 'verify-email', token)),
    );
  }

  /**
   * Tells the address being replaced, with a link that undoes the change for 7 days. Undo links
   * never void each other: each address a user had keeps its own way back (ADR 16).
   */
  async sendEmailChangeNotice(user: UserRow, newEmail: string): Promise<void> {
    const token = await this.issue(user.id, 'email_change_undo', UNDO_TTL_MS, user.email, {
      voidOlder: false,
    });
    await this.deps.mailer.send(
      emailChangeNoticeEmail(
        user.email,
        user.name,
        newEmail,
        consoleLink(this.deps.publicUrl, 'undo-email-change', token),
      ),
    );
  }

  /** Tells the owner of an address that has a user that someone tried to take it for another. */
  async sendAddressInUse(email: string, attempt: 'sign_up' | 'email_change'): Promise<void> {
    const user = await findUserByEmail(this.deps.db, email);
    if (!user) return;
    await this.deps.mailer.send(
      addressInUseEmail(user.email, user.name, attempt, {
        logIn: consoleLink(this.deps.publicUrl, 'login'),
        resetPassword: consoleLink(this.deps.publicUrl, 'reset-password'),
      }),
    );
  }

  /**
   * Gives the address named by the link back to its user, verified; drops a pending change and
   * the undo links of later changes; sets a new password (whoever changed the address knew the
   * old one) and ends every session.
   */
  async undoEmailChange(token: string, newPassword: string, meta: RequestMeta): Promise<void> {
    const passwordHash = await hashPassword(newPassword);
    await this.deps.db
      .transaction()
      .execute(async (tx) => {
        const row = await this.use(tx, token, 'email_change_undo');
        const now = this.deps.clock.now();
        const address = row.email!;
        if (await addressTaken(tx, address, now, row.user_id))
          throw new HeraldError('email_taken', { param: 'token' });
        await updateUser(tx, row.user_id, {
          email: address,
          email_verified_at: now,
          password_hash: passwordHash,
        });
        await expireTokensOf(tx, row.user_id, 'email_verification', now);
        await expireTokensOf(tx, row.user_id, 'password_reset', now);
        await expireTokensOf(tx, row.user_id, 'email_change_undo', now, row.created_at);
        await releaseAccountsOwnedBy(tx, row.user_id);
        await deleteSessionsOf(tx, row.user_id);
        await this.audit(row.user_id, 'email_change.undone', meta, tx);
      })
      .catch((error) => {
        throw isUniqueViolation(error) ? new HeraldError('email_taken', { param: 'token' }) : error;
      });
  }

  /**
   * Succeeds the same way whether or not the address has a user; the network's own limit
   * (`email_throttled`) is counted before the address is looked at, and a recipient over its
   * limit is dropped silently by the mailer.
   */
  async requestPasswordReset(email: string, meta: RequestMeta): Promise<void> {
    await this.deps.emailRequests.passwordReset(meta.ip);
    const user = await findUserByEmail(this.deps.db, normalizeEmail(email));
    if (!user) return;
    const token = await this.issue(user.id, 'password_reset', RESET_TTL_MS, null);
    await this.deps.mailer.send(
      passwordResetEmail(
        user.email,
        user.name,
        consoleLink(this.deps.publicUrl, 'reset-password', token),
      ),
    );
    await this.audit(user.id, 'password_reset.requested', meta);
  }

  /**
   * Sets the new password, ends every session, and counts as proof of the address: the
   * organisations the user owns may send, and this network gets past the log-in limit per
   * address (a reset is how a user gets in while their address is under attack).
   */
  async confirmPasswordReset(token: string, newPassword: string, meta: RequestMeta): Promise<void> {
    const passwordHash = await hashPassword(newPassword);
    const user = await this.deps.db.transaction().execute(async (tx) => {
      const row = await this.use(tx, token, 'password_reset');
      const user = (await findUser(tx, row.user_id))!;
      await updateUser(tx, user.id, {
        password_hash: passwordHash,
        email_verified_at: user.email_verified_at ?? this.deps.clock.now(),
      });
      await releaseAccountsOwnedBy(tx, user.id);
      await deleteSessionsOf(tx, user.id);
      await this.audit(user.id, 'password_reset.completed', meta, tx);
      return user;
    });
    await this.deps.throttle.rememberSource(user.email, meta.ip);
  }

  /** Verifies the address (or moves to the new one): the organisations the user owns may send. */
  async confirmEmailVerification(token: string, meta: RequestMeta): Promise<UserRow> {
    return this.deps.db.transaction().execute(async (tx) => {
      const row = await this.use(tx, token, 'email_verification');
      const now = this.deps.clock.now();
      if (row.email) {
        if (await addressTaken(tx, row.email, now, row.user_id))
          throw new HeraldError('email_taken', { param: 'token' });
        const user = await updateUser(tx, row.user_id, {
          email: row.email,
          email_verified_at: now,
        });
        await releaseAccountsOwnedBy(tx, user.id);
        await this.audit(user.id, 'email.changed', meta, tx);
        return user;
      }
      const user = await updateUser(tx, row.user_id, { email_verified_at: now });
      await releaseAccountsOwnedBy(tx, user.id);
      await this.audit(user.id, 'email.verified', meta, tx);
      return user;
    });
  }

  /** A new token of a purpose voids the older ones (unless told not to): only the newest link works. */
  private async issue(
    userId: string,
    purpose: UserTokenPurpose,
    ttlMs: number,
    email: string | null,
    options: { voidOlder: boolean } = { voidOlder: true },
  ): Promise<string> {
    const token = newSecretToken();
    const now = this.deps.clock.now();
    await this.deps.db.transaction().execute(async (tx) => {
      if (options.voidOlder) await expireTokensOf(tx, userId, purpose, now);
      await insertUserToken(tx, {
        token_hash: hashToken(token),
        user_id: userId,
        purpose,
        email,
        expires_at: new Date(now.getTime() + ttlMs),
      });
    });
    return token;
  }

  /** Spends a token: unknown or used → token_invalid, past its time → token_expired. */
  private async use(
    tx: Transaction<AccountDatabase>,
    token: string,
    purpose: UserTokenPurpose,
  ): Promise<UserTokenRow> {
    const row = await findTokenForUpdate(tx, hashToken(token), purpose);
    if (!row || row.used_at) throw new HeraldError('token_invalid', { param: 'token' });
    const now = this.deps.clock.now();
    if (row.expires_at <= now) throw new HeraldError('token_expired', { param: 'token' });
    await markTokenUsed(tx, row.token_hash, now);
    return row;
  }

  private async audit(
    userId: string,
    action: string,
    meta: RequestMeta,
    tx?: Transaction<AccountDatabase>,
  ): Promise<void> {
    const membership = await firstMembershipOf(tx ?? this.deps.db, userId);
    await this.deps.audit.record(
      {
        accountId: membership?.account_id ?? null,
        actor: { type: 'user', id: userId, ip: meta.ip },
        action,
        target: { type: 'user', id: userId },
      },
      tx,
    );
  }
}
