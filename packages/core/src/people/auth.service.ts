import type { Principal } from '../access/permissions.js';
import { findAccount, insertAccount } from '../accounts/account.store.js';
import {
  decoyHash,
  hashPassword,
  needsRehash,
  verifyPassword,
} from '../platform/crypto/password.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import { newId } from '../platform/ids.js';
import type { AccountRow, Role, UserRow } from '../platform/stores/account.schema.js';
import { addressTaken, proveCurrentPassword } from './identity-checks.js';
import { insertLoginEvent } from './login-event.store.js';
import { firstMembershipOf, insertMembership } from './membership.store.js';
import {
  isUniqueViolation,
  normalizeEmail,
  type PeopleDeps,
  type RequestMeta,
  startLoggedInSession,
} from './people-deps.js';
import { recordPolicyAcceptance } from './policies.js';
import type { RecoveryService } from './recovery.service.js';
import type { SecurityNotices } from './security-notices.js';
import type { StartedSession } from './session.service.js';
import { deleteSessionsOf } from './session.store.js';
import type { TwoFactorService } from './two-factor.service.js';
import { findUser, findUserByEmail, insertUser, updateUser } from './user.store.js';

export type LoggedIn = { session: StartedSession; user: UserRow; account: AccountRow; role: Role };

/** Sign-up, log-in, log-out and password change. */
export class AuthService {
  constructor(
    private readonly deps: PeopleDeps & {
      recovery: RecoveryService;
      notices: SecurityNotices;
      twoFactor: TwoFactorService;
    },
  ) {}

  /**
   * Answers the same whether the address is new or has a user, and logs no one in: a new
   * address gets a user, an organisation that cannot send until its owner verifies, and a
   * verification link; an address that has a user gets an email telling its owner someone
   * tried. Both paths hash the password, look the address up and queue one email, so neither
   * the answer nor its time says which it was.
   */
  async signUp(
    input: { name: string; email: string; password: string; organizationName: string },
    meta: RequestMeta,
  ): Promise<void> {
    await this.deps.emailRequests.signUp(meta.ip);
    const email = normalizeEmail(input.email);
    const passwordHash = await hashPassword(input.password);
    const created = await this.deps.db
      .transaction()
      .execute(async (tx) => {
        // Held by a user, or kept for an email change that may still be undone.
        if (await addressTaken(tx, email, this.deps.clock.now())) return undefined;
        const account = await insertAccount(tx, {
          id: newId('acc'),
          name: input.organizationName,
          awaiting_owner_verification: true,
        });
        const user = await insertUser(tx, {
          id: newId('usr'),
          email,
          name: input.name,
          password_hash: passwordHash,
          email_verified_at: null,
          // The spec admits a sign-up only with both boxes ticked (issue 17, item 7).
          age_confirmed_at: this.deps.clock.now(),
        });
        await recordPolicyAcceptance(tx, {
          userId: user.id,
          ip: meta.ip,
          at: this.deps.clock.now(),
        });
        await insertMembership(tx, { account_id: account.id, user_id: user.id, role: 'owner' });
        await this.deps.audit.record(
          {
            accountId: account.id,
            actor: { type: 'user', id: user.id, ip: meta.ip },
            action: 'account.created',
            target: { type: 'account', id: account.id },
          },
          tx,
        );
        return user;
      })
      .catch((error) => {
        // Someone signed up with the address between the look-up and the insert.
        if (isUniqueViolation(error)) return undefined;
        throw error;
      });
    if (created) await this.deps.recovery.sendEmailVerification(created);
    else await this.deps.recovery.sendAddressInUse(email, 'sign_up');
  }

  /** A new session (never an old id reused). Throttled after failures (see LoginThrottle). */
  async logIn(
    input: { email: string; password: string; twoFactorCode?: string },
    meta: RequestMeta,
  ): Promise<LoggedIn> {
    const email = normalizeEmail(input.email);
    await this.deps.throttle.check(email, meta.ip);
    const user = await findUserByEmail(this.deps.db, email);
    // Without a user, verify against a decoy so both failures take the same time.
    const valid = await verifyPassword(user?.password_hash ?? (await decoyHash()), input.password);
    const membership = user ? await firstMembershipOf(this.deps.db, user.id) : undefined;
    if (!user || !valid) {
      await this.deps.throttle.recordFailure(email, meta.ip);
      await insertLoginEvent(this.deps.db, {
        user_id: user?.id ?? null,
        account_id: membership?.account_id ?? null,
        success: false,
        ip: meta.ip,
        user_agent: meta.userAgent,
      });
      if (membership) {
        await this.deps.audit.record({
          accountId: membership.account_id,
          actor: { type: 'user', id: user!.id, ip: meta.ip },
          action: 'login.failed',
          target: { type: 'user', id: user!.id },
        });
      }
      throw new HeraldError('invalid_credentials');
    }
    if (!membership) {
      throw new HeraldError('forbidden', {
        detail:
          'This user is not a member of any organisation any more. Ask an owner for an invitation.',
      });
    }
    if (user.totp_enabled_at) {
      // Asked for only once the password is right: the question tells a stranger nothing.
      if (!input.twoFactorCode)
        throw new HeraldError('two_factor_required', { param: 'two_factor_code' });
      if (!(await this.deps.twoFactor.verifySignIn(user, input.twoFactorCode))) {
        await this.deps.throttle.recordFailure(email, meta.ip);
        await insertLoginEvent(this.deps.db, {
          user_id: user.id,
          account_id: membership.account_id,
          success: false,
          ip: meta.ip,
          user_agent: meta.userAgent,
        });
        throw new HeraldError('two_factor_invalid', { param: 'two_factor_code' });
      }
    }
    await this.deps.throttle.recordSuccess(email, meta.ip);
    if (needsRehash(user.password_hash))
      await updateUser(this.deps.db, user.id, {
        password_hash: await hashPassword(input.password),
      });
    const loggedIn = await this.deps.db.transaction().execute(async (tx) => {
      const session = await startLoggedInSession(this.deps, tx, {
        userId: user.id,
        accountId: membership.account_id,
        meta,
        action: 'login.succeeded',
      });
      const account = (await findAccount(tx, membership.account_id))!;
      return { session, user, account, role: membership.role };
    });
    await this.deps.notices.signedIn(user, meta);
    return loggedIn;
  }

  async logOut(principal: Extract<Principal, { kind: 'user' }>, meta: RequestMeta): Promise<void> {
    await this.deps.sessions.end(principal);
    await this.deps.audit.record({
      accountId: principal.accountId,
      actor: { type: 'user', id: principal.userId, ip: meta.ip },
      action: 'logout',
    });
  }

  /** Ends every session of the user and starts a fresh one for this browser. */
  async changePassword(
    principal: Extract<Principal, { kind: 'user' }>,
    input: { currentPassword: string; newPassword: string },
    meta: RequestMeta,
  ): Promise<StartedSession> {
    const user = await findUser(this.deps.db, principal.userId);
    if (!user) throw new HeraldError('session_required');
    await proveCurrentPassword(this.deps, user, input.currentPassword, meta);
    const passwordHash = await hashPassword(input.newPassword);
    const session = await this.deps.db.transaction().execute(async (tx) => {
      await updateUser(tx, user.id, { password_hash: passwordHash });
      await deleteSessionsOf(tx, user.id);
      await this.deps.audit.record(
        {
          accountId: principal.accountId,
          actor: { type: 'user', id: user.id, ip: meta.ip },
          action: 'password.changed',
          target: { type: 'user', id: user.id },
        },
        tx,
      );
      return this.deps.sessions.start(tx, user.id, principal.accountId);
    });
    await this.deps.notices.passwordChanged(user);
    return session;
  }
}
