import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../access/permissions.js';
import type { Clock } from '../platform/clock.js';
import { csrfTokenFor, hashToken, newSecretToken } from '../platform/crypto/secret-token.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import type { AccountDatabase, AccountStatus } from '../platform/stores/account.schema.js';
import { storesContent } from '../privacy/retention/retention-policy.js';
import { deleteSession, findLiveSession, insertSession, touchSession } from './session.store.js';

export type SessionSettings = {
  /** A session unused for this long ends. */
  idleMs: number;
  /** A session ends this long after log-in, used or not. */
  absoluteMs: number;
};

/** A new session: the secret goes in the cookie, and is stored only as a hash. */
export type StartedSession = {
  secret: string;
  csrfToken: string;
  expiresAt: Date;
  userId: string;
  accountId: string;
};

export type AuthenticatedSession = {
  principal: Extract<Principal, { kind: 'user' }>;
  accountStatus: AccountStatus;
  rateLimitPerSecond: number | null;
  /** The organisation cannot send until an owner verifies their address. */
  awaitingOwnerVerification: boolean;
  storeContent: boolean;
  /** The organisation requires two factors and this user has none: they may only set them up. */
  twoFactorSetupRequired: boolean;
  csrfToken: string;
  expiresAt: Date;
};

/** `last_seen_at` only needs minute precision for the idle timeout: write it at most once a minute. */
const TOUCH_INTERVAL_MS = 60_000;

/** Console sessions: random 256-bit ids in a cookie, rotated at log-in, idle and absolute timeouts. */
export class SessionService {
  constructor(
    private readonly deps: {
      account: Kysely<AccountDatabase>;
      settings: SessionSettings;
      clock: Clock;
    },
  ) {}

  async start(
    db: Kysely<AccountDatabase> | Transaction<AccountDatabase>,
    userId: string,
    accountId: string,
  ): Promise<StartedSession> {
    const secret = newSecretToken();
    const expiresAt = new Date(this.deps.clock.now().getTime() + this.deps.settings.absoluteMs);
    await insertSession(db, {
      id_hash: hashToken(secret),
      user_id: userId,
      account_id: accountId,
      expires_at: expiresAt,
    });
    return { secret, csrfToken: csrfTokenFor(secret), expiresAt, userId, accountId };
  }

  /** The caller behind a session cookie, or `session_required` when it is missing or over. */
  async authenticate(secret: string | undefined): Promise<AuthenticatedSession> {
    if (!secret || secret.length > 100) throw new HeraldError('session_required');
    const now = this.deps.clock.now();
    const idHash = hashToken(secret);
    const session = await findLiveSession(
      this.deps.account,
      idHash,
      new Date(now.getTime() - this.deps.settings.idleMs),
      now,
    );
    if (!session) throw new HeraldError('session_required');
    if (now.getTime() - session.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
      await touchSession(this.deps.account, idHash, now);
    }
    return {
      principal: {
        kind: 'user',
        accountId: session.account_id,
        userId: session.user_id,
        role: session.role,
        sessionIdHash: idHash,
      },
      accountStatus: session.account_status,
      rateLimitPerSecond: session.rate_limit_per_second,
      awaitingOwnerVerification: session.awaiting_owner_verification,
      storeContent: storesContent({
        storeContent: session.store_content ?? true,
        contentDays: session.content_days ?? 30,
      }),
      twoFactorSetupRequired: session.two_factor_setup_required,
      csrfToken: csrfTokenFor(secret),
      expiresAt: session.expires_at,
    };
  }

  async end(principal: Extract<Principal, { kind: 'user' }>): Promise<void> {
    await deleteSession(this.deps.account, principal.sessionIdHash);
  }
}
