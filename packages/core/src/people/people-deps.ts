import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../access/permissions.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { EmailRequestThrottle } from '../notifications/email-request-throttle.js';
import type { SystemMailer } from '../notifications/system-email.job.js';
import type { Clock } from '../platform/clock.js';
import type { AccountDatabase } from '../platform/stores/account.schema.js';
import { insertLoginEvent } from './login-event.store.js';
import type { LoginThrottle } from './login-throttle.js';
import type { SessionService, StartedSession } from './session.service.js';

/** What the services for people and organisations share. */
export type PeopleDeps = {
  db: Kysely<AccountDatabase>;
  sessions: SessionService;
  audit: AuditLog;
  mailer: SystemMailer;
  throttle: LoginThrottle;
  /** How often a caller may make Herald send one of its emails (429 past it). */
  emailRequests: EmailRequestThrottle;
  clock: Clock;
  /** Where Herald's console is reached, for the links in its emails. */
  publicUrl: string;
};

/** Where a request came from: recorded in the log-in log and the audit log. */
export type RequestMeta = { ip: string | null; userAgent: string | null };

export function actorOf(principal: Principal, meta: RequestMeta): Actor {
  return principal.kind === 'user'
    ? { type: 'user', id: principal.userId, ip: meta.ip }
    : { type: 'api_key', id: principal.apiKeyId, ip: meta.ip };
}

export const HOUR_MS = 60 * 60 * 1000;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** PostgreSQL's unique_violation: someone else took the value between our check and our write. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === '23505';
}

/**
 * A new session for a log-in, with its row in the log-in IP log and its audit event, in the
 * caller's transaction: every way in (sign-up, log-in, accepting an invitation) goes through here.
 */
export async function startLoggedInSession(
  deps: PeopleDeps,
  tx: Transaction<AccountDatabase>,
  input: {
    userId: string;
    accountId: string;
    meta: RequestMeta;
    action: string;
    details?: Record<string, unknown>;
  },
): Promise<StartedSession> {
  const session = await deps.sessions.start(tx, input.userId, input.accountId);
  await insertLoginEvent(tx, {
    user_id: input.userId,
    account_id: input.accountId,
    success: true,
    ip: input.meta.ip,
    user_agent: input.meta.userAgent,
  });
  await deps.audit.record(
    {
      accountId: input.accountId,
      actor: { type: 'user', id: input.userId, ip: input.meta.ip },
      action: input.action,
      target: { type: 'user', id: input.userId },
      details: input.details,
    },
    tx,
  );
  return session;
}
