import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { authenticator } from 'otplib';
import type { Principal } from '../access/permissions.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../platform/clock.js';
import { open, seal } from '../platform/crypto/aead.js';
import type { MasterKey } from '../platform/crypto/master-key.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import type { AccountDatabase, UserRow } from '../platform/stores/account.schema.js';
import { proveCurrentPassword } from './identity-checks.js';
import type { PeopleDeps, RequestMeta } from './people-deps.js';
import type { SecurityNotices } from './security-notices.js';
import { acceptedTotpStep } from './totp.js';
import { findUser, updateUser } from './user.store.js';

const ISSUER = 'Herald';
const RECOVERY_CODES = 10;

type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/**
 * Two-factor sign-in with TOTP (RFC 6238, otplib; issue 17, item 6). Setup gives a secret,
 * which only a code from the app turns on; then signing in needs a code too, or one of ten
 * single-use recovery codes. A code is accepted one step either side of now (clock drift), and
 * once: the step it was for is kept, and an older or the same step is refused. The secret is
 * sealed with the master key; recovery codes are kept as SHA-256 hashes.
 */
export class TwoFactorService {
  constructor(
    private readonly deps: {
      db: Kysely<AccountDatabase>;
      masterKey: MasterKey;
      audit: AuditLog;
      notices: SecurityNotices;
      clock: Clock;
      /** For the password a turn-off needs: the same throttle as every password check. */
      people: PeopleDeps;
    },
  ) {}

  async start(principal: UserPrincipal): Promise<{ secret: string; otpauthUrl: string }> {
    const user = await this.user(principal.userId);
    if (user.totp_enabled_at) throw new HeraldError('two_factor_already_on');
    const secret = authenticator.generateSecret(20);
    await updateUser(this.deps.db, user.id, { totp_pending_sealed: this.seal(user.id, secret) });
    return { secret, otpauthUrl: authenticator.keyuri(user.email, ISSUER, secret) };
  }

  async confirm(principal: UserPrincipal, code: string, meta: RequestMeta): Promise<string[]> {
    const user = await this.user(principal.userId);
    if (user.totp_enabled_at) throw new HeraldError('two_factor_already_on');
    if (!user.totp_pending_sealed) throw new HeraldError('two_factor_not_started');
    const secret = this.open(user.id, user.totp_pending_sealed);
    const step = this.acceptedStep(secret, code, null);
    if (step === null) throw new HeraldError('two_factor_invalid', { param: 'code' });
    const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    await this.deps.db.transaction().execute(async (tx) => {
      await updateUser(tx, user.id, {
        totp_secret_sealed: user.totp_pending_sealed,
        totp_pending_sealed: null,
        totp_enabled_at: this.deps.clock.now(),
        totp_last_step: String(step),
      });
      await tx.deleteFrom('recovery_codes').where('user_id', '=', user.id).execute();
      await tx
        .insertInto('recovery_codes')
        .values(codes.map((c) => ({ user_id: user.id, code_hash: hashCode(c), used_at: null })))
        .execute();
      await this.deps.audit.record(
        {
          accountId: principal.accountId,
          actor: { type: 'user', id: user.id, ip: meta.ip },
          action: 'two_factor.enabled',
          target: { type: 'user', id: user.id },
        },
        tx,
      );
    });
    await this.deps.notices.twoFactorChanged(user, true);
    return codes;
  }

  async disable(principal: UserPrincipal, password: string, meta: RequestMeta): Promise<void> {
    const user = await this.user(principal.userId);
    await proveCurrentPassword(this.deps.people, user, password, meta, 'password');
    await this.deps.db.transaction().execute(async (tx) => {
      await updateUser(tx, user.id, {
        totp_secret_sealed: null,
        totp_pending_sealed: null,
        totp_enabled_at: null,
        totp_last_step: null,
      });
      await tx.deleteFrom('recovery_codes').where('user_id', '=', user.id).execute();
      await this.deps.audit.record(
        {
          accountId: principal.accountId,
          actor: { type: 'user', id: user.id, ip: meta.ip },
          action: 'two_factor.disabled',
          target: { type: 'user', id: user.id },
        },
        tx,
      );
    });
    await this.deps.notices.twoFactorChanged(user, false);
  }

  /**
   * At sign-in, after the password: whether `code` is the app's code now (a step not used
   * before) or an unused recovery code, which is then used up.
   */
  async verifySignIn(user: UserRow, code: string): Promise<boolean> {
    if (!user.totp_secret_sealed) return true;
    const secret = this.open(user.id, user.totp_secret_sealed);
    const step = this.acceptedStep(secret, code, user.totp_last_step);
    if (step !== null) {
      // Conditional on the step kept: two sign-ins racing with one code cannot both pass.
      const taken = await this.deps.db
        .updateTable('users')
        .set({ totp_last_step: String(step) })
        .where('id', '=', user.id)
        .where((eb) =>
          eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]),
        )
        .executeTakeFirst();
      return Number(taken.numUpdatedRows) === 1;
    }
    const used = await this.deps.db
      .updateTable('recovery_codes')
      .set({ used_at: this.deps.clock.now() })
      .where('user_id', '=', user.id)
      .where('code_hash', '=', hashCode(normaliseRecoveryCode(code)))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(used.numUpdatedRows) === 1;
  }

  /** The step `code` is valid for (now, or one either side), if later than `lastStep`. */
  private acceptedStep(secret: string, code: string, lastStep: string | null): number | null {
    return acceptedTotpStep(secret, code, lastStep, this.deps.clock.now());
  }

  private async user(id: string): Promise<UserRow> {
    const user = await findUser(this.deps.db, id);
    if (!user) throw new HeraldError('session_required');
    return user;
  }

  private seal(userId: string, secret: string): Buffer {
    return seal(this.deps.masterKey.key, Buffer.from(secret, 'utf8'), aad(userId));
  }

  private open(userId: string, sealed: Buffer): string {
    return open(this.deps.masterKey.key, sealed, aad(userId)).toString('utf8');
  }
}

function aad(userId: string): string {
  return `herald:totp:${userId}`;
}

/** `abcd-efgh-ijkl`: 60 bits, easy to read out and type. */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

function normaliseRecoveryCode(code: string): string {
  const plain = code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return plain.length === 12
    ? `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`
    : plain;
}

function hashCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
