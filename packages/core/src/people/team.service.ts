import type { Transaction } from 'kysely';
import { canGrantRole, type Principal } from '../access/permissions.js';
import { findAccount } from '../accounts/account.store.js';
import { consoleLink, invitationEmail } from '../notifications/templates.js';
import { hashPassword, verifyPassword } from '../platform/crypto/password.js';
import { hashToken, newSecretToken } from '../platform/crypto/secret-token.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import { newId } from '../platform/ids.js';
import type { AccountDatabase, InvitationRow, Role } from '../platform/stores/account.schema.js';
import type { LoggedIn } from './auth.service.js';
import { addressTaken } from './identity-checks.js';
import {
  findInvitationByTokenForUpdate,
  findOpenInvitationByEmail,
  insertInvitation,
  listOpenInvitations,
  markInvitationAccepted,
  revokeInvitation,
  revokeInvitationsSentBy,
} from './invitation.store.js';
import { type ApiKeyDecision, settleKeysOfLeavingMember } from './member-keys.js';
import {
  deleteMembership,
  findMembership,
  insertMembership,
  listMembers,
  lockOwners,
  type MemberRow,
  updateRole,
} from './membership.store.js';
import { releaseAccountsOwnedBy } from './owner-verification.store.js';
import {
  actorOf,
  HOUR_MS,
  normalizeEmail,
  type PeopleDeps,
  type RequestMeta,
  startLoggedInSession,
} from './people-deps.js';
import { deleteSessionsOf } from './session.store.js';
import { findUser, findUserByEmail, insertUser, updateUser } from './user.store.js';

const INVITATION_TTL_MS = 7 * 24 * HOUR_MS;
type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/**
 * Members, roles and invitations. Nobody grants a role that holds more than their own (so only
 * an owner grants `owner`), only an owner takes `owner` away, and the last owner can be neither
 * demoted nor removed. A member whose role changes is logged out everywhere in the organisation,
 * so no session keeps the old role; their API keys are bounded by the new role at once (ADR 16).
 */
export class TeamService {
  constructor(private readonly deps: PeopleDeps) {}

  listMembers(accountId: string): Promise<MemberRow[]> {
    return listMembers(this.deps.db, accountId);
  }

  async changeRole(
    principal: UserPrincipal,
    userId: string,
    role: Role,
    meta: RequestMeta,
  ): Promise<MemberRow> {
    await this.deps.db.transaction().execute(async (tx) => {
      const member = await this.memberOrThrow(tx, principal.accountId, userId);
      if (member.role === role) return;
      this.refuseChangeBeyondOwnRole(principal, member.role, role);
      const owners = await lockOwners(tx, principal.accountId);
      if (member.role === 'owner' && owners.length <= 1) throw new HeraldError('last_owner');
      await updateRole(tx, principal.accountId, userId, role);
      if (role === 'owner') await releaseAccountsOwnedBy(tx, userId);
      await deleteSessionsOf(tx, userId, principal.accountId);
      await this.deps.audit.record(
        {
          accountId: principal.accountId,
          actor: actorOf(principal, meta),
          action: 'member.role_changed',
          target: { type: 'user', id: userId },
          details: { from: member.role, to: role },
        },
        tx,
      );
    });
    const members = await listMembers(this.deps.db, principal.accountId);
    return members.find((m) => m.user_id === userId)!;
  }

  /**
   * Removes a member. Their live API keys each need a decision (`keep` or `revoke`), else
   * `409 member_has_api_keys` lists them; the invitations they sent are revoked.
   */
  async removeMember(
    principal: UserPrincipal,
    userId: string,
    apiKeyDecisions: ApiKeyDecision[],
    meta: RequestMeta,
  ): Promise<void> {
    await this.deps.db.transaction().execute(async (tx) => {
      const member = await this.memberOrThrow(tx, principal.accountId, userId);
      this.refuseChangeBeyondOwnRole(
        principal,
        member.role,
        member.role === 'owner' ? 'viewer' : member.role,
      );
      const owners = await lockOwners(tx, principal.accountId);
      if (member.role === 'owner' && owners.length <= 1) throw new HeraldError('last_owner');
      const actor = actorOf(principal, meta);
      const now = this.deps.clock.now();
      const keys = await settleKeysOfLeavingMember(tx, this.deps.audit, {
        accountId: principal.accountId,
        member: { userId, role: member.role },
        keeper: { userId: principal.userId, actor },
        decisions: apiKeyDecisions,
        now,
      });
      for (const id of await revokeInvitationsSentBy(tx, principal.accountId, userId, now)) {
        await this.deps.audit.record(
          {
            accountId: principal.accountId,
            actor,
            action: 'invitation.revoked',
            target: { type: 'invitation', id },
            details: { member: userId, cause: 'member_removed' },
          },
          tx,
        );
      }
      await deleteMembership(tx, principal.accountId, userId);
      await deleteSessionsOf(tx, userId, principal.accountId);
      await this.deps.audit.record(
        {
          accountId: principal.accountId,
          actor,
          action: 'member.removed',
          target: { type: 'user', id: userId },
          details: {
            role: member.role,
            api_keys_kept: keys.kept,
            api_keys_revoked: keys.revoked,
          },
        },
        tx,
      );
    });
  }

  /** Emails a single-use link valid for 7 days; inviting the same address again replaces the link. */
  async invite(
    principal: UserPrincipal,
    input: { email: string; role: Role },
    meta: RequestMeta,
  ): Promise<InvitationRow> {
    if (!canGrantRole(principal.role, input.role)) {
      throw new HeraldError('forbidden', {
        detail: `Your role \`${principal.role}\` cannot invite someone as \`${input.role}\`: it would hold more than yours.`,
      });
    }
    // The inviter's and the organisation's own limits (429); the address's own limit is the
    // mailer's, silent, since the inviter must learn nothing about who else invites it.
    await this.deps.emailRequests.invitation(principal.accountId, principal.userId);
    const email = normalizeEmail(input.email);
    const token = newSecretToken();
    const now = this.deps.clock.now();
    const invitation = await this.deps.db.transaction().execute(async (tx) => {
      const existingUser = await findUserByEmail(tx, email);
      if (existingUser && (await findMembership(tx, principal.accountId, existingUser.id))) {
        throw new HeraldError('already_member', { param: 'email' });
      }
      const open = await findOpenInvitationByEmail(tx, principal.accountId, email, now);
      if (open) await revokeInvitation(tx, principal.accountId, open.id, now);
      const row = await insertInvitation(tx, {
        id: newId('inv'),
        account_id: principal.accountId,
        email,
        role: input.role,
        token_hash: hashToken(token),
        invited_by: principal.userId,
        expires_at: new Date(now.getTime() + INVITATION_TTL_MS),
      });
      await this.deps.audit.record(
        {
          accountId: principal.accountId,
          actor: actorOf(principal, meta),
          action: 'member.invited',
          target: { type: 'invitation', id: row.id },
          details: { role: input.role },
        },
        tx,
      );
      return row;
    });
    const [account, inviter] = await Promise.all([
      findAccount(this.deps.db, principal.accountId),
      findUser(this.deps.db, principal.userId),
    ]);
    await this.deps.mailer.send(
      invitationEmail(
        email,
        account!.name,
        inviter!.name,
        input.role,
        consoleLink(this.deps.publicUrl, 'accept-invitation', token),
      ),
    );
    return invitation;
  }

  listInvitations(accountId: string): Promise<InvitationRow[]> {
    return listOpenInvitations(this.deps.db, accountId, this.deps.clock.now());
  }

  async revokeInvitation(
    principal: UserPrincipal,
    invitationId: string,
    meta: RequestMeta,
  ): Promise<void> {
    await this.deps.db.transaction().execute(async (tx) => {
      if (!(await revokeInvitation(tx, principal.accountId, invitationId, this.deps.clock.now()))) {
        throw new HeraldError('invitation_not_found', { param: 'invitation_id' });
      }
      await this.deps.audit.record(
        {
          accountId: principal.accountId,
          actor: actorOf(principal, meta),
          action: 'invitation.revoked',
          target: { type: 'invitation', id: invitationId },
        },
        tx,
      );
    });
  }

  /**
   * Joins the organisation with an invitation token and logs in. A new address gets a user (the
   * invitation proves the address, so it is verified); an existing user proves their password.
   */
  async accept(
    input: { token: string; name?: string; password: string },
    meta: RequestMeta,
  ): Promise<LoggedIn> {
    const newUserHash = input.password.length >= 10 ? await hashPassword(input.password) : null;
    return this.deps.db.transaction().execute(async (tx) => {
      const invitation = await findInvitationByTokenForUpdate(tx, hashToken(input.token));
      const now = this.deps.clock.now();
      if (!invitation || invitation.accepted_at || invitation.revoked_at)
        throw new HeraldError('token_invalid', { param: 'token' });
      if (invitation.expires_at <= now) throw new HeraldError('token_expired', { param: 'token' });
      await this.refuseWithdrawnGrant(tx, invitation);

      let user = await findUserByEmail(tx, invitation.email);
      if (!user && (await addressTaken(tx, invitation.email, now)))
        throw new HeraldError('email_taken', { param: 'token' });
      if (user) {
        if (!(await verifyPassword(user.password_hash, input.password)))
          throw new HeraldError('invalid_credentials');
        if (await findMembership(tx, invitation.account_id, user.id))
          throw new HeraldError('already_member');
        // The link came to this address: that proves it, as a verification link would.
        if (!user.email_verified_at)
          user = await updateUser(tx, user.id, { email_verified_at: now });
      } else {
        if (!input.name)
          throw new HeraldError('missing_field', {
            param: 'name',
            detail: 'A new user needs a `name`.',
          });
        if (!newUserHash) throw new HeraldError('weak_password', { param: 'password' });
        user = await insertUser(tx, {
          id: newId('usr'),
          email: invitation.email,
          name: input.name,
          password_hash: newUserHash,
          email_verified_at: now,
        });
      }
      await insertMembership(tx, {
        account_id: invitation.account_id,
        user_id: user.id,
        role: invitation.role,
      });
      await releaseAccountsOwnedBy(tx, user.id);
      await markInvitationAccepted(tx, invitation.id, now);
      const session = await startLoggedInSession(this.deps, tx, {
        userId: user.id,
        accountId: invitation.account_id,
        meta,
        action: 'member.joined',
        details: { role: invitation.role, invitation_id: invitation.id },
      });
      const account = (await findAccount(tx, invitation.account_id))!;
      return { session, user, account, role: invitation.role };
    });
  }

  private async memberOrThrow(tx: Transaction<AccountDatabase>, accountId: string, userId: string) {
    const member = await findMembership(tx, accountId, userId);
    if (!member) throw new HeraldError('member_not_found', { param: 'user_id' });
    return member;
  }

  /**
   * An invitation grants what its sender may grant when it is used, not when it was sent: a
   * sender since removed or demoted below the role takes the invitation down with them.
   */
  private async refuseWithdrawnGrant(
    tx: Transaction<AccountDatabase>,
    invitation: InvitationRow,
  ): Promise<void> {
    const sender = invitation.invited_by
      ? await findMembership(tx, invitation.account_id, invitation.invited_by)
      : undefined;
    if (!sender || !canGrantRole(sender.role, invitation.role)) {
      throw new HeraldError('token_invalid', {
        param: 'token',
        detail:
          'The person who sent this invitation can no longer invite to this role. Ask an admin of the organisation for a new one.',
      });
    }
  }

  private refuseChangeBeyondOwnRole(principal: UserPrincipal, from: Role, to: Role): void {
    if ((from === 'owner' && principal.role !== 'owner') || !canGrantRole(principal.role, to)) {
      throw new HeraldError('forbidden', {
        detail: 'Only an owner can make someone an owner or change what an owner is.',
      });
    }
  }
}
