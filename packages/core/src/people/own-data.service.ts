import type { Schemas } from '@herald/openapi';
import type { Principal } from '../access/permissions.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import { proveCurrentPassword } from './identity-checks.js';
import { revokeInvitationsSentBy } from './invitation.store.js';
import { lockOwners } from './membership.store.js';
import type { PeopleDeps, RequestMeta } from './people-deps.js';
import { listPolicyAcceptances } from './policies.js';
import type { SecurityNotices } from './security-notices.js';
import { deleteUserRecords, findUser } from './user.store.js';

type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** Everything Herald keeps about one of its customers' people, for them (issue 17, item 5). */
export type OwnDataExport = Schemas['UserExport'];

/**
 * A person's own data as a customer's user (issue 17, item 5): a copy of it (profile,
 * memberships, log-ins, what they did in every organisation's audit log, the keys they own), and
 * deleting their user. Deleting leaves every organisation (the last owner of one must hand it
 * over or close it first), revokes the keys they own and the invitations they sent, and removes
 * the user with their sessions, log-ins and codes. Audit entries stay, as the organisations'
 * records, with the user id as a pseudonymous actor and the IP addresses removed.
 */
export class OwnDataService {
  constructor(private readonly deps: PeopleDeps & { notices: SecurityNotices }) {}

  async export(userId: string): Promise<OwnDataExport> {
    const db = this.deps.db;
    const user = await findUser(db, userId);
    if (!user) throw new HeraldError('session_required');
    const memberships = await db
      .selectFrom('memberships')
      .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
      .select(['accounts.id', 'accounts.name', 'memberships.role', 'memberships.created_at'])
      .where('memberships.user_id', '=', userId)
      .orderBy('memberships.created_at')
      .execute();
    const logIns = await db
      .selectFrom('login_events')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(10_000)
      .execute();
    const actions = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('actor_type', '=', 'user')
      .where('actor_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(10_000)
      .execute();
    const keys = await db
      .selectFrom('api_keys')
      .select(['id', 'account_id', 'name', 'mode', 'created_at', 'revoked_at'])
      .where('owner_user_id', '=', userId)
      .orderBy('created_at')
      .execute();
    return {
      object: 'user_export',
      exported_at: this.deps.clock.now().toISOString(),
      profile: {
        id: user.id,
        name: user.name,
        email: user.email,
        email_verified_at: user.email_verified_at?.toISOString() ?? null,
        marketing_opt_in: user.marketing_opt_in,
        two_factor: user.totp_enabled_at !== null,
        created_at: user.created_at.toISOString(),
      },
      memberships: memberships.map((m) => ({
        account_id: m.id,
        account_name: m.name,
        role: m.role,
        joined_at: m.created_at.toISOString(),
      })),
      log_ins: logIns.map((e) => ({
        at: e.created_at.toISOString(),
        success: e.success,
        ip: e.ip,
        user_agent: e.user_agent,
      })),
      actions: actions.map((a) => ({
        at: a.created_at.toISOString(),
        account_id: a.account_id,
        action: a.action,
        target_type: a.target_type,
        target_id: a.target_id,
        ip: a.ip,
      })),
      policy_acceptances: (await listPolicyAcceptances(db, userId)).map((a) => ({
        kind: a.kind,
        version: a.version,
        accepted_at: a.accepted_at.toISOString(),
        ip: a.ip,
      })),
      api_keys: keys.map((k) => ({
        id: k.id,
        account_id: k.account_id,
        name: k.name,
        mode: k.mode,
        created_at: k.created_at.toISOString(),
        revoked_at: k.revoked_at?.toISOString() ?? null,
      })),
    };
  }

  async deleteSelf(principal: UserPrincipal, password: string, meta: RequestMeta): Promise<void> {
    const user = await findUser(this.deps.db, principal.userId);
    if (!user) throw new HeraldError('session_required');
    await proveCurrentPassword(this.deps, user, password, meta, 'password');
    const now = this.deps.clock.now();
    await this.deps.db.transaction().execute(async (tx) => {
      const memberships = await tx
        .selectFrom('memberships')
        .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
        .select(['memberships.account_id', 'memberships.role', 'accounts.name'])
        .where('memberships.user_id', '=', user.id)
        .execute();
      for (const membership of memberships) {
        const owners = await lockOwners(tx, membership.account_id);
        if (membership.role === 'owner' && owners.length <= 1)
          throw new HeraldError('last_owner', {
            detail: `You are the last owner of “${membership.name}”: make another member an owner, or close the organisation, first.`,
          });
      }
      const actor = { type: 'user' as const, id: user.id, ip: meta.ip };
      for (const { account_id: accountId } of memberships) {
        const revoked = await tx
          .updateTable('api_keys')
          .set({ revoked_at: now })
          .where('account_id', '=', accountId)
          .where('owner_user_id', '=', user.id)
          .where('revoked_at', 'is', null)
          .returning('id')
          .execute();
        const invitations = await revokeInvitationsSentBy(tx, accountId, user.id, now);
        await this.deps.audit.record(
          {
            accountId,
            actor,
            action: 'member.deleted_own_user',
            target: { type: 'user', id: user.id },
            details: {
              api_keys_revoked: revoked.map((k) => k.id),
              invitations_revoked: invitations,
            },
          },
          tx,
        );
      }
      // The organisations keep their records; the person in them is only an id from now on.
      await deleteUserRecords(tx, user.id);
    });
    await this.deps.notices.userDeleted(user);
  }
}
