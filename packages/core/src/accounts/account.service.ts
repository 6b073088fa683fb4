import type { Kysely, Transaction } from 'kysely';
import {
  can,
  creatableScopes,
  describeCaller,
  type Principal,
  scopePermissions,
} from '../access/permissions.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { coalesce } from '../platform/batching/coalesce.js';
import type { Clock } from '../platform/clock.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import { newId } from '../platform/ids.js';
import type { BestEffort } from '../platform/observability/best-effort.js';
import type {
  AccountDatabase,
  AccountRow,
  AccountStatus,
  ApiKeyRow,
  ApiKeyScope,
} from '../platform/stores/account.schema.js';
import { storesContent } from '../privacy/retention/retention-policy.js';
import {
  type ApiKeyWithAccount,
  findAccount,
  findApiKeysByHash,
  insertAccount,
  insertApiKey,
  listApiKeys,
  revokeApiKey,
  touchApiKey,
  updateAccount,
} from './account.store.js';
import {
  type ApiKeyMode,
  displayPrefix,
  generateApiKeySecret,
  hashApiKeySecret,
  isWellFormedApiKey,
} from './api-key-secret.js';
import type { AuthFailureThrottle } from './auth-failure-throttle.js';

export type ApiKeyPrincipal = Extract<Principal, { kind: 'api_key' }>;
export type AuthenticatedKey = {
  principal: ApiKeyPrincipal;
  accountStatus: AccountStatus;
  /** The account's send rate, or null for the default. */
  rateLimitPerSecond: number | null;
  /** Made by sign-up, and no owner has verified their address yet: it cannot send. */
  awaitingOwnerVerification: boolean;
  /** False in no-store mode (the retention policy): content is never written to a database. */
  storeContent: boolean;
};

/** The answer to HELP until an organisation writes its own. */
export const DEFAULT_HELP_TEXT = 'Reply STOP to unsubscribe. Msg & data rates may apply.';

/** The refusals that count as a failed authentication: a credential that was presented and is wrong. */
const COUNTED_FAILURES = new Set(['invalid_api_key', 'api_key_revoked']);

/** `last_used_at` is advisory; writing it at most once a minute keeps it off the hot path. */
const TOUCH_INTERVAL_MS = 60_000;

/** Accounts (organisations) and their API keys. */
export class AccountService {
  private readonly clock: Clock;
  private readonly audit: AuditLog;
  private readonly db: Kysely<AccountDatabase>;
  private readonly failures: AuthFailureThrottle | null;
  private readonly bestEffort: BestEffort;
  /** Concurrent requests look their keys up together: one query per turn of the event loop. */
  private readonly findKey: (secretHash: string) => Promise<ApiKeyWithAccount | undefined>;

  constructor(deps: {
    account: Kysely<AccountDatabase>;
    audit: AuditLog;
    clock: Clock;
    /** Counts failed key authentications per source; null: never throttled (the CLI). */
    failures: AuthFailureThrottle | null;
    /** Told when a key's last use could not be recorded. */
    bestEffort: BestEffort;
  }) {
    const db = deps.account;
    this.db = db;
    this.clock = deps.clock;
    this.audit = deps.audit;
    this.failures = deps.failures;
    this.bestEffort = deps.bestEffort;
    this.findKey = coalesce(async (hashes) => {
      const found = await findApiKeysByHash(db, hashes);
      return hashes.map((hash) => found.get(hash));
    });
  }

  async createAccount(name: string): Promise<AccountRow> {
    return insertAccount(this.db, { id: newId('acc'), name });
  }

  async getAccount(accountId: string): Promise<AccountRow> {
    const account = await findAccount(this.db, accountId);
    if (!account) throw new HeraldError('account_not_found', { param: 'account_id' });
    return account;
  }

  /** The line the organisation's marketing SMS end with, or null for none. */
  async smsOptOutLine(accountId: string): Promise<string | null> {
    return (await findAccount(this.db, accountId))?.sms_opt_out_line ?? null;
  }

  /** The organisation's own settings: its name, the answer to HELP, its marketing SMS line. */
  /**
   * Requiring two factors of everyone is an owner's decision, and only one who uses them
   * (else the owner would lock themselves into the set-up page).
   */
  private async mayRequireTwoFactor(
    tx: Transaction<AccountDatabase>,
    accountId: string,
    actor: Actor,
  ): Promise<void> {
    if (actor.type !== 'user' || !actor.id)
      throw new HeraldError('forbidden', { param: 'require_two_factor' });
    const user = await tx
      .selectFrom('users')
      .innerJoin('memberships', 'memberships.user_id', 'users.id')
      .select(['memberships.role', 'users.totp_enabled_at'])
      .where('users.id', '=', actor.id)
      .where('memberships.account_id', '=', accountId)
      .executeTakeFirst();
    if (user?.role !== 'owner')
      throw new HeraldError('forbidden', {
        param: 'require_two_factor',
        detail: 'Only an owner can require two-factor sign-in of everyone.',
      });
    if (!user.totp_enabled_at)
      throw new HeraldError('two_factor_needed_first', { param: 'require_two_factor' });
  }

  async updateSettings(
    accountId: string,
    settings: {
      name?: string;
      helpText?: string;
      smsOptOutLine?: string | null;
      requireTwoFactor?: boolean;
    },
    actor: Actor,
  ): Promise<AccountRow> {
    const fields = {
      ...(settings.name === undefined ? {} : { name: settings.name }),
      ...(settings.helpText === undefined ? {} : { help_text: settings.helpText }),
      ...(settings.smsOptOutLine === undefined ? {} : { sms_opt_out_line: settings.smsOptOutLine }),
      ...(settings.requireTwoFactor === undefined
        ? {}
        : { require_two_factor: settings.requireTwoFactor }),
    };
    return this.db.transaction().execute(async (tx) => {
      if (settings.requireTwoFactor !== undefined)
        await this.mayRequireTwoFactor(tx, accountId, actor);
      const account = await updateAccount(tx, accountId, fields);
      await this.audit.record(
        {
          accountId,
          actor,
          action: 'account.updated',
          target: { type: 'account', id: accountId },
          details: { fields: Object.keys(fields) },
        },
        tx,
      );
      return account;
    });
  }

  /** Operators only: the send rate of an account and each of its keys (null = the default). */
  async setRateLimit(
    accountId: string,
    perSecond: number | null,
    actor: Actor,
  ): Promise<AccountRow> {
    await this.getAccount(accountId);
    return this.db.transaction().execute(async (tx) => {
      const account = await updateAccount(tx, accountId, { rate_limit_per_second: perSecond });
      await this.audit.record(
        {
          accountId,
          actor,
          action: 'account.rate_limit_changed',
          target: { type: 'account', id: accountId },
          details: { rate_limit_per_second: perSecond },
        },
        tx,
      );
      return account;
    });
  }

  /**
   * Creates a key and returns its secret. The secret is never stored and cannot be shown again.
   * With an `issuer` (a person or a key), the key can never do more than the issuer: its scope
   * must be one the issuer holds (the widest of those when omitted), and it is owned by the
   * person behind the issuer, whose role bounds it for as long as it lives (ADR 16). Without
   * one it is the operator's (the CLI), bounded by its scope alone.
   */
  async createApiKey(
    accountId: string,
    options: { name: string; mode?: ApiKeyMode; scope?: ApiKeyScope; issuer?: Principal },
    actor?: Actor,
  ): Promise<{ key: ApiKeyRow; secret: string }> {
    const mode = options.mode ?? 'live';
    const { issuer } = options;
    const scope = issuer ? scopeFor(issuer, options.scope) : (options.scope ?? 'full');
    const secret = generateApiKeySecret(mode);
    return this.db.transaction().execute(async (tx) => {
      const key = await insertApiKey(tx, {
        id: newId('key'),
        account_id: accountId,
        name: options.name,
        mode,
        scope,
        secret_hash: hashApiKeySecret(secret),
        display_prefix: displayPrefix(secret),
        created_by: issuer?.kind === 'user' ? issuer.userId : null,
        owner_user_id: !issuer
          ? null
          : issuer.kind === 'user'
            ? issuer.userId
            : (issuer.owner?.userId ?? null),
        created_by_key_id: issuer?.kind === 'api_key' ? issuer.apiKeyId : null,
        last_used_at: null,
        last_used_ip: null,
        revoked_at: null,
      });
      if (actor) {
        await this.audit.record(
          {
            accountId,
            actor,
            action: 'api_key.created',
            target: { type: 'api_key', id: key.id },
            details: { name: key.name, mode, scope: key.scope, owner: key.owner_user_id },
          },
          tx,
        );
      }
      return { key, secret };
    });
  }

  listApiKeys(accountId: string): Promise<ApiKeyRow[]> {
    return listApiKeys(this.db, accountId);
  }

  /** Revoked keys are refused from the next request on: authentication reads the database every time. */
  async revokeApiKey(accountId: string, keyId: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      if (!(await revokeApiKey(tx, accountId, keyId, this.clock.now()))) {
        throw new HeraldError('api_key_not_found', { param: 'api_key_id' });
      }
      await this.audit.record(
        { accountId, actor, action: 'api_key.revoked', target: { type: 'api_key', id: keyId } },
        tx,
      );
    });
  }

  /**
   * Resolves a bearer secret to its key, or throws the error the caller should see. Failures
   * count against the source IP (`failedAuthentication`); once it is past its allowance, a key
   * is taken from it only if it was last used from there too, so a network that guesses or
   * replays leaked keys gets `auth_throttled`, while a valid integration behind the same
   * address keeps working, without a Redis round trip on its way.
   */
  async authenticate(
    secret: string | undefined,
    ip: string | null = null,
  ): Promise<AuthenticatedKey> {
    if (!secret) throw new HeraldError('missing_api_key');
    const key = await this.lookUp(secret).catch(async (error: unknown) => {
      throw error instanceof HeraldError ? await this.failedAuthentication(ip, error) : error;
    });
    if (ip && this.failures && key.last_used_ip !== ip) {
      const refusal = await this.failures.refusal(ip);
      if (refusal) throw refusal;
    }

    const now = this.clock.now();
    if (!key.last_used_at || now.getTime() - key.last_used_at.getTime() > TOUCH_INTERVAL_MS) {
      // Not awaited: a failed touch must not fail (nor hold up) the request it describes.
      void this.bestEffort.attempt('api_key_touch', touchApiKey(this.db, key.id, now, ip), {
        apiKeyId: key.id,
      });
    }
    return {
      principal: {
        kind: 'api_key',
        accountId: key.account_id,
        apiKeyId: key.id,
        scope: key.scope,
        mode: key.mode,
        owner:
          key.owner_user_id === null ? null : { userId: key.owner_user_id, role: key.owner_role },
      },
      accountStatus: key.account_status,
      rateLimitPerSecond: key.rate_limit_per_second,
      awaitingOwnerVerification: key.awaiting_owner_verification,
      storeContent: storesContent({
        storeContent: key.store_content ?? true,
        contentDays: key.content_days ?? 30,
      }),
    };
  }

  /**
   * Counts a refused credential (a wrong, malformed or revoked key) against its source: the
   * error to answer, which is `auth_throttled` once the source is past its allowance.
   */
  async failedAuthentication(ip: string | null, error: HeraldError): Promise<HeraldError> {
    if (!ip || !this.failures || !COUNTED_FAILURES.has(error.code)) return error;
    return (await this.failures.recordFailure(ip)) ?? error;
  }

  private async lookUp(secret: string): Promise<ApiKeyWithAccount> {
    // A malformed or mistyped key is refused without touching the database.
    if (!isWellFormedApiKey(secret)) throw new HeraldError('invalid_api_key');
    const key = await this.findKey(hashApiKeySecret(secret));
    if (!key) throw new HeraldError('invalid_api_key');
    if (key.revoked_at) throw new HeraldError('api_key_revoked');
    if (key.account_status === 'closed') throw new HeraldError('account_not_active');
    return key;
  }
}

/** The scope a new key gets: the one asked for if the issuer holds all of it, else a refusal. */
function scopeFor(issuer: Principal, asked: ApiKeyScope | undefined): ApiKeyScope {
  const allowed = creatableScopes(issuer);
  const scope = asked ?? allowed[0];
  if (scope !== undefined && allowed.includes(scope)) return scope;
  if (scope === undefined)
    throw new HeraldError('scope_not_allowed', {
      param: 'scope',
      detail: `Your ${describeCaller(issuer)} holds no scope a key could have.`,
    });
  const missing = [...scopePermissions[scope]].filter((p) => !can(issuer, p));
  throw new HeraldError('scope_not_allowed', {
    param: 'scope',
    detail:
      `Your ${describeCaller(issuer)} cannot create a \`${scope}\` key: it would hold ` +
      `${missing.map((p) => `\`${p}\``).join(', ')}, which you do not. ` +
      `You may create: ${allowed.map((s) => `\`${s}\``).join(', ')}.`,
  });
}
