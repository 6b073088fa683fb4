import type { Schemas } from '@herald/openapi';
import { canGrantRole, permissions, rolePermissions, roles } from '../access/permissions.js';
import { DEFAULT_HELP_TEXT } from '../accounts/account.service.js';
import type { AccountRow, InvitationRow, Role } from '../platform/stores/account.schema.js';
import type { LoggedIn } from './auth.service.js';
import type { MemberRow } from './membership.store.js';
import type { Profile } from './profile.service.js';
import type { StartedSession } from './session.service.js';

export function presentProfile(profile: Profile): Schemas['Profile'] {
  return {
    id: profile.id,
    object: 'user',
    name: profile.name,
    email: profile.email,
    email_verified: profile.email_verified_at !== null,
    pending_email: profile.pendingEmail,
    marketing_opt_in: profile.marketing_opt_in,
    two_factor: profile.totp_enabled_at !== null,
    created_at: profile.created_at.toISOString(),
  };
}

export function presentAccount(account: AccountRow, defaultRateLimit: number): Schemas['Account'] {
  return {
    id: account.id,
    object: 'account',
    name: account.name,
    status: account.status,
    awaiting_owner_verification: account.awaiting_owner_verification,
    rate_limit_per_second: account.rate_limit_per_second ?? defaultRateLimit,
    help_text: account.help_text ?? DEFAULT_HELP_TEXT,
    sms_opt_out_line: account.sms_opt_out_line,
    require_two_factor: account.require_two_factor,
    suspended_at: account.suspended_at?.toISOString() ?? null,
    created_at: account.created_at.toISOString(),
  };
}

export function presentSession(
  input: { user: Profile; account: AccountRow; role: Role; csrfToken: string; expiresAt: Date },
  defaultRateLimit: number,
): Schemas['Session'] {
  return {
    user: presentProfile(input.user),
    account: presentAccount(input.account, defaultRateLimit),
    role: input.role,
    // The console hides what the role cannot do from these, instead of keeping a copy of the table.
    permissions: permissions.filter((p) => rolePermissions[input.role].has(p)),
    grantable_roles: roles.filter((r) => canGrantRole(input.role, r)),
    csrf_token: input.csrfToken,
    expires_at: input.expiresAt.toISOString(),
  };
}

export function loggedInSession(loggedIn: LoggedIn, session: StartedSession = loggedIn.session) {
  return {
    user: { ...loggedIn.user, pendingEmail: null },
    account: loggedIn.account,
    role: loggedIn.role,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  };
}

export function presentMember(member: MemberRow): Schemas['Member'] {
  return {
    user_id: member.user_id,
    object: 'member',
    name: member.name,
    email: member.email,
    role: member.role,
    joined_at: member.created_at.toISOString(),
  };
}

export function presentInvitation(invitation: InvitationRow, now: Date): Schemas['Invitation'] {
  const status = invitation.accepted_at
    ? 'accepted'
    : invitation.revoked_at
      ? 'revoked'
      : invitation.expires_at <= now
        ? 'expired'
        : 'pending';
  return {
    id: invitation.id,
    object: 'invitation',
    email: invitation.email,
    role: invitation.role,
    status,
    expires_at: invitation.expires_at.toISOString(),
    created_at: invitation.created_at.toISOString(),
  };
}
