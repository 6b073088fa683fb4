import type { Kysely, Transaction } from 'kysely';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../platform/clock.js';
import type { MasterKey } from '../platform/crypto/master-key.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import type { AccountDatabase } from '../platform/stores/account.schema.js';
import {
  disabledReasons,
  newWebhookEndpointId,
  toWebhookEndpoint,
  type WebhookEndpoint,
  type WebhookEventType,
} from './webhook.js';
import {
  type WebhookAccountDatabase,
  type WebhookEndpointRow,
  webhookAccountDb,
} from './webhook.schema.js';
import {
  deleteEndpoint,
  findEndpoint,
  findSigningSecret,
  insertEndpoint,
  insertSigningSecretIfAbsent,
  listActiveEndpoints,
  listEndpoints,
  updateEndpoint,
} from './webhook-endpoint.store.js';
import {
  endpointSecretAad,
  generateWebhookSecret,
  openWebhookSecret,
  sealWebhookSecret,
  signingSecretAad,
} from './webhook-signing.js';
import { checkWebhookUrl, type UrlGuardOptions, WebhookUrlRefused } from './webhook-url-guard.js';

/** After a rotation the old secret keeps signing this long, beside the new one. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

export type WebhookEndpointInput = {
  url: string;
  eventTypes?: WebhookEventType[];
  description?: string | null;
};

export type WebhookEndpointChanges = Partial<WebhookEndpointInput> & { disabled?: boolean };

export type WebhookEndpointServiceDeps = {
  account: Kysely<AccountDatabase>;
  masterKey: MasterKey;
  guard: UrlGuardOptions;
  clock: Clock;
  audit: AuditLog;
};

/**
 * Webhook endpoints and signing secrets (account store). Secrets are generated here, shown
 * once, stored sealed with the master key, and opened only to sign a delivery.
 */
export class WebhookEndpointService {
  private readonly db: Kysely<WebhookAccountDatabase>;
  private readonly clock: Clock;
  private readonly audit: AuditLog;

  constructor(private readonly deps: WebhookEndpointServiceDeps) {
    this.db = webhookAccountDb(deps.account);
    this.clock = deps.clock;
    this.audit = deps.audit;
  }

  async create(
    accountId: string,
    input: WebhookEndpointInput,
    actor: Actor,
  ): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    await this.checkUrl(input.url);
    const id = newWebhookEndpointId();
    const secret = generateWebhookSecret();
    const audit = {
      action: 'webhook_endpoint.created',
      details: { event_types: input.eventTypes ?? [] },
    };
    const row = await this.audited(accountId, id, actor, audit, (tx) =>
      insertEndpoint(tx, {
        id,
        account_id: accountId,
        url: input.url,
        event_types: JSON.stringify(input.eventTypes ?? []),
        description: input.description ?? null,
        secret_sealed: this.seal(secret, accountId, id),
        previous_secret_sealed: null,
        previous_secret_expires_at: null,
        disabled: false,
        disabled_reason: null,
      }),
    );
    return { endpoint: toWebhookEndpoint(row), secret };
  }

  async list(accountId: string): Promise<WebhookEndpoint[]> {
    return (await listEndpoints(this.db, accountId)).map(toWebhookEndpoint);
  }

  async get(accountId: string, id: string): Promise<WebhookEndpoint> {
    return toWebhookEndpoint(found(await findEndpoint(this.db, accountId, id)));
  }

  async update(
    accountId: string,
    id: string,
    changes: WebhookEndpointChanges,
    actor: Actor,
  ): Promise<WebhookEndpoint> {
    found(await findEndpoint(this.db, accountId, id));
    if (changes.url !== undefined) await this.checkUrl(changes.url);
    const audit = { action: 'webhook_endpoint.updated', details: { fields: Object.keys(changes) } };
    const row = await this.audited(accountId, id, actor, audit, async (tx) =>
      found(
        await updateEndpoint(tx, accountId, id, {
          ...(changes.url === undefined ? {} : { url: changes.url }),
          ...(changes.eventTypes === undefined
            ? {}
            : { event_types: JSON.stringify(changes.eventTypes) }),
          ...(changes.description === undefined ? {} : { description: changes.description }),
          ...(changes.disabled === undefined
            ? {}
            : {
                disabled: changes.disabled,
                disabled_reason: changes.disabled ? disabledReasons.manual : null,
              }),
        }),
      ),
    );
    return toWebhookEndpoint(row);
  }

  /** Deliveries still pending for it are dropped: the worker finds no endpoint and stops. */
  async remove(accountId: string, id: string, actor: Actor): Promise<void> {
    await this.audited(accountId, id, actor, { action: 'webhook_endpoint.deleted' }, async (tx) => {
      if (!(await deleteEndpoint(tx, accountId, id))) found(undefined);
    });
  }

  /** A new secret; the current one becomes the previous one and keeps signing for a day. */
  async rotateSecret(
    accountId: string,
    id: string,
    actor: Actor,
  ): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const secret = generateWebhookSecret();
    const audit = { action: 'webhook_endpoint.secret_rotated' };
    const row = await this.audited(accountId, id, actor, audit, async (tx) => {
      // Locked, so two rotations at once each keep the secret the other replaced.
      const current = found(await findEndpoint(tx, accountId, id, { lock: true }));
      return found(
        await updateEndpoint(tx, accountId, id, {
          secret_sealed: this.seal(secret, accountId, id),
          // Same AAD (same endpoint): the sealed bytes move as they are.
          previous_secret_sealed: current.secret_sealed,
          previous_secret_expires_at: new Date(this.clock.now().getTime() + SECRET_OVERLAP_MS),
        }),
      );
    });
    return { endpoint: toWebhookEndpoint(row), secret };
  }

  /** The account's secret for `status_callback` deliveries, created on first use. */
  async signingSecret(accountId: string): Promise<string> {
    const aad = signingSecretAad(accountId);
    const existing = await findSigningSecret(this.db, accountId);
    if (existing) return openWebhookSecret(this.deps.masterKey, existing, aad);
    const fresh = sealWebhookSecret(this.deps.masterKey, generateWebhookSecret(), aad);
    const stored = await insertSigningSecretIfAbsent(this.db, accountId, fresh);
    return openWebhookSecret(this.deps.masterKey, stored, aad);
  }

  /** The endpoints that receive events now, for a batch of accounts (the relay). */
  async activeFor(accountIds: readonly string[]): Promise<WebhookEndpoint[]> {
    return (await listActiveEndpoints(this.db, accountIds)).map(toWebhookEndpoint);
  }

  /** An endpoint and the secrets that sign for it now, or null when it is gone. */
  async forDelivery(
    accountId: string,
    id: string,
  ): Promise<{ endpoint: WebhookEndpoint; secrets: string[] } | null> {
    const row = await findEndpoint(this.db, accountId, id);
    if (!row) return null;
    return { endpoint: toWebhookEndpoint(row), secrets: this.secretsOf(row) };
  }

  /** The endpoint said it is gone (410): no more deliveries until someone switches it on. */
  async disableGone(accountId: string, id: string): Promise<void> {
    await updateEndpoint(this.db, accountId, id, {
      disabled: true,
      disabled_reason: disabledReasons.gone,
    });
  }

  private secretsOf(row: WebhookEndpointRow): string[] {
    const aad = endpointSecretAad(row.account_id, row.id);
    const secrets = [openWebhookSecret(this.deps.masterKey, row.secret_sealed, aad)];
    const previousValid =
      row.previous_secret_sealed &&
      row.previous_secret_expires_at &&
      row.previous_secret_expires_at > this.clock.now();
    if (previousValid)
      secrets.push(openWebhookSecret(this.deps.masterKey, row.previous_secret_sealed!, aad));
    return secrets;
  }

  private seal(secret: string, accountId: string, endpointId: string): Buffer {
    return sealWebhookSecret(this.deps.masterKey, secret, endpointSecretAad(accountId, endpointId));
  }

  private async checkUrl(url: string): Promise<void> {
    try {
      await checkWebhookUrl(url, this.deps.guard);
    } catch (error) {
      if (!(error instanceof WebhookUrlRefused)) throw error;
      throw new HeraldError('webhook_url_forbidden', { param: 'url', reason: error.reason });
    }
  }

  /** A change and its audit event, in one account-store transaction. */
  private audited<T>(
    accountId: string,
    endpointId: string,
    actor: Actor,
    audit: { action: string; details?: Record<string, unknown> },
    work: (tx: Transaction<WebhookAccountDatabase>) => Promise<T>,
  ): Promise<T> {
    return this.deps.account.transaction().execute(async (tx) => {
      const result = await work(tx as unknown as Transaction<WebhookAccountDatabase>);
      const target = { type: 'webhook_endpoint', id: endpointId };
      await this.audit.record({ accountId, actor, ...audit, target }, tx);
      return result;
    });
  }
}

/** The row, or the 404 every route answers for an endpoint of another account or none. */
function found<T>(row: T | undefined): T {
  if (!row) throw new HeraldError('webhook_endpoint_not_found', { param: 'webhook_endpoint_id' });
  return row;
}
