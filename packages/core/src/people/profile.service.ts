import type { Principal } from '../auth/permissions.js';
import { HeraldError } from '../errors/herald-error.js';
import type { UserRow } from '../stores/account.schema.js';
import { normalizeEmail, type PeopleDeps, type RequestMeta } from './people-deps.js';
import type { RecoveryService } from './recovery.service.js';
import { findUser, updateUser } from './user.store.js';
import { findPendingEmail } from './user-token.store.js';

export type Profile = UserRow & { pendingEmail: string | null };

type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** The logged-in user's own data: read and correct it, and choose marketing email (off by default). */
export class ProfileService {
  constructor(
    private readonly deps: PeopleDeps,
    private readonly recovery: RecoveryService,
  ) {}

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
   */
  async update(
    principal: UserPrincipal,
    input: { name?: string; email?: string; marketingOptIn?: boolean },
    meta: RequestMeta,
  ): Promise<Profile> {
    const current = await this.get(principal.userId);
    const actor = { type: 'user' as const, id: principal.userId, ip: meta.ip };
    const newEmail = input.email === undefined ? undefined : normalizeEmail(input.email);
    const changingEmail = newEmail !== undefined && newEmail !== current.email;
    // Counted before anything changes: past the limit, the whole update is refused.
    if (changingEmail) await this.deps.emailRequests.verification(principal.userId);
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
      if (changingEmail) {
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
    if (changingEmail) await this.recovery.sendEmailVerification(current, newEmail);
    return this.get(principal.userId);
  }
}
