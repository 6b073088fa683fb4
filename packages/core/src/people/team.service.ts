import type { Transaction } from 'kysely';
import { findAccount } from '../accounts/account.store.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import type { Principal } from '../auth/permissions.js';
import { hashToken, newSecretToken } from '../auth/secret-token.js';
import { HeraldError } from '../errors/herald-error.js';
import { newId } from '../ids.js';
import { consoleLink, invitationEmail } from '../notifications/templates.js';
import type { AccountDatabase, InvitationRow, Role } from '../stores/account.schema.js';
import type { LoggedIn } from './auth.service.js';
import {
  findInvitationByTokenForUpdate,
  findOpenInvitationByEmail,
  insertInvitation,
  listOpenInvitations,
  markInvitationAccepted,
  revokeInvitation,
} from './invitation.store.js';
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
 * Members, roles and invitations. Only an owner grants or takes away `owner`, and the last owner
 * can be neither demoted nor removed. A member whose role changes is logged out everywhere in
 * the organisation, so no session keeps the old role.
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
      this.refuseOwnerChangeByNonOwner(principal, member.role, role);
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

  async removeMember(principal: UserPrincipal, userId: string, meta: RequestMeta): Promise<void> {
    await this.deps.db.transaction().execute(async (tx) => {
      const member = await this.memberOrThrow(tx, principal.accountId, userId);
      this.refuseOwnerChangeByNonOwner(
        principal,
        member.role,
        member.role === 'owner' ? 'viewer' : member.role,
      );
      const owners = await lockOwners(tx, principal.accountId);
      if (member.role === 'owner' && owners.length <= 1) throw new HeraldError('last_owner');
      await deleteMembership(tx, principal.accountId, userId);
      await deleteSessionsOf(tx, userId, principal.accountId);
      await this.deps.audit.record(
        {
          accountId: principal.accountId,
          actor: actorOf(principal, meta),
          action: 'member.removed',
          target: { type: 'user', id: userId },
          details: { role: member.role },
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
    if (input.role === 'owner' && principal.role !== 'owner') {
      throw new HeraldError('forbidden', { detail: 'Only an owner can invite another owner.' });
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

      let user = await findUserByEmail(tx, invitation.email);
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

  private refuseOwnerChangeByNonOwner(principal: UserPrincipal, from: Role, to: Role): void {
    if ((from === 'owner' || to === 'owner') && principal.role !== 'owner') {
      throw new HeraldError('forbidden', {
        detail: 'Only an owner can make someone an owner or change what an owner is.',
      });
    }
  }
}
