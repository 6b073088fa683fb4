import type { Principal } from '../access/permissions.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import type { UserRow } from '../platform/stores/account.schema.js';
import { proveCurrentPassword } from './identity-checks.js';
import { normalizeEmail, type PeopleDeps, type RequestMeta } from './people-deps.js';
import type { RecoveryService } from './recovery.service.js';
import { deleteSessionsOfExcept } from './session.store.js';
import { findUser, updateUser } from './user.store.js';
import { findPendingEmail } from './user-token.store.js';

export type Profile = UserRow & { pendingEmail: string | null };

type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** The logged-in user's own data: read and correct it, and choose marketing email (off by default). */
export class ProfileService {
  constructor(private readonly deps: PeopleDeps & { recovery: RecoveryService }) {}

  async get(userId: string): Promise<Profile> {
    const user = await findUser(this.deps.db, userId);
    if (!user) throw new HeraldError('session_required');
    return {
      ...user,
      pendingEmail: await findPendingEmail(this.deps.db, userId, this.deps.clock.now()),
    };
  }

  /**
   * Name and marketing preference change at once; a new email address only once the link sent
   * to it is followed. An address another user holds is answered the same way (it stays
   * pending: the link goes nowhere, its owner is told), so this is no way to learn who uses
   * Herald. Every change is an audit event naming the fields, not their values.
   *
   * A new address decides who can reset the password, so it is a change of who can sign in:
   * it needs the current password, ends every other session at once, and the address being
   * replaced is told, with a link that undoes the change for 7 days (ADR 16).
   */
  async update(
    principal: UserPrincipal,
    input: { name?: string; email?: string; currentPassword?: string; marketingOptIn?: boolean },
    meta: RequestMeta,
  ): Promise<Profile> {
    const current = await this.get(principal.userId);
    const actor = { type: 'user' as const, id: principal.userId, ip: meta.ip };
    const normalized = input.email === undefined ? undefined : normalizeEmail(input.email);
    const newEmail = normalized === current.email ? undefined : normalized;
    if (newEmail !== undefined) {
      // The password first: without it, the answer does not even say whether the address is taken.
      await proveCurrentPassword(this.deps, current, input.currentPassword, meta);
      // Counted before anything changes: past the limit, the whole update is refused.
      await this.deps.emailRequests.verification(principal.userId);
    }
    const changed: Record<string, unknown> = {};
    if (input.name !== undefined && input.name !== current.name) changed.name = input.name;
    if (input.marketingOptIn !== undefined && input.marketingOptIn !== current.marketing_opt_in)
      changed.marketing_opt_in = input.marketingOptIn;

    await this.deps.db.transaction().execute(async (tx) => {
      if (Object.keys(changed).length > 0) {
        await updateUser(tx, principal.userId, changed);
        await this.deps.audit.record(
          {
            accountId: principal.accountId,
            actor,
            action:
              'marketing_opt_in' in changed && Object.keys(changed).length === 1
                ? 'marketing_preference.changed'
                : 'profile.updated',
            target: { type: 'user', id: principal.userId },
            details: {
              fields: Object.keys(changed),
              ...('marketing_opt_in' in changed
                ? { marketing_opt_in: changed.marketing_opt_in }
                : {}),
            },
          },
          tx,
        );
      }
      if (newEmail !== undefined) {
        await deleteSessionsOfExcept(tx, principal.userId, principal.sessionIdHash);
        await this.deps.audit.record(
          {
            accountId: principal.accountId,
            actor,
            action: 'email_change.requested',
            target: { type: 'user', id: principal.userId },
          },
          tx,
        );
      }
    });
    if (newEmail !== undefined) {
      // To an address another user holds, its owner is told instead (sendEmailVerification).
      await this.deps.recovery.sendEmailVerification(current, newEmail);
      await this.deps.recovery.sendEmailChangeNotice(current, newEmail);
    }
    return this.get(principal.userId);
  }
}
