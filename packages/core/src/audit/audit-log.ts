import type { Kysely, Transaction } from 'kysely';
import { listLoginEvents } from '../people/login-event.store.js';
import { newId } from '../platform/ids.js';
import type {
  AccountDatabase,
  ActorType,
  AuditEventRow,
  LoginEventRow,
} from '../platform/stores/account.schema.js';
import { insertAuditEvent, listAuditEvents } from './audit.store.js';

/** Who did something: a user, an API key, an operator or Herald itself, and from which IP. */
export type Actor = { type: ActorType; id: string | null; ip: string | null };

export const systemActor: Actor = { type: 'system', id: null, ip: null };

export type AuditEntry = {
  accountId: string | null;
  actor: Actor;
  /** `noun.verb`, like `api_key.created`; the README lists them. */
  action: string;
  target?: { type: string; id: string };
  /** What changed. Never a secret, a password or a token. */
  details?: Record<string, unknown>;
};

/** The audit log of the account store: who did what, when and from which IP. */
export class AuditLog {
  constructor(private readonly deps: { account: Kysely<AccountDatabase> }) {}

  /** Records one event; pass a transaction to make it part of the change it describes. */
  async record(
    entry: AuditEntry,
    db: Kysely<AccountDatabase> | Transaction<AccountDatabase> = this.deps.account,
  ): Promise<void> {
    await insertAuditEvent(db, {
      id: newId('aud'),
      account_id: entry.accountId,
      actor_type: entry.actor.type,
      actor_id: entry.actor.id,
      action: entry.action,
      target_type: entry.target?.type ?? null,
      target_id: entry.target?.id ?? null,
      ip: entry.actor.ip,
      details: JSON.stringify(entry.details ?? {}),
    });
  }

  async list(
    accountId: string,
    options: { limit: number; beforeId?: string },
  ): Promise<AuditEventRow[]> {
    return listAuditEvents(this.deps.account, accountId, options);
  }

  /** The log-in IP log: every log-in to the organisation, with IP and user agent. */
  async listLogins(
    accountId: string,
    options: { limit: number; beforeId?: string },
  ): Promise<LoginEventRow[]> {
    return listLoginEvents(this.deps.account, accountId, options);
  }
}
