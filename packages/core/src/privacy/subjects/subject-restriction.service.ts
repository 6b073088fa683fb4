import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../audit/audit-log.js';
import { HeraldError } from '../../platform/errors/herald-error.js';
import { newId } from '../../platform/ids.js';
import type {
  ChannelName,
  SuppressionRow,
  UsageDatabase,
} from '../../platform/stores/usage.schema.js';
import { maskIdentifier } from '../../suppressions/identifier.js';
import type { IdentifierHasher } from '../../suppressions/identifier-hasher.js';
import type { PersonWebhooks } from '../../webhooks/person-webhooks.js';
import type { PrivacyRequestLog, RequestOrigin } from './privacy-request.service.js';
import { resolveSubject } from './subject.js';
import {
  deleteRestriction,
  deleteSuppression,
  findRestrictedSuppression,
  findRestriction,
  findSuppressionByHash,
  insertSuppression,
  setSuppressionReason,
  upsertRestriction,
} from './subject-restriction.store.js';

export type SubjectRestriction = {
  /** The suppression's id (`sup_…`): lifting names it. */
  id: string;
  channel: ChannelName;
  identifierMasked: string;
  createdAt: Date;
};

export type SubjectRestrictionDeps = {
  usage: Kysely<UsageDatabase>;
  hasher: IdentifierHasher;
  requests: PrivacyRequestLog;
  /** `subject.restricted` and `subject.restriction_lifted`, so the organisation restricts too. */
  events: PersonWebhooks;
};

/**
 * Restriction of processing: the end user stays in every store, untouched, but nothing is sent
 * to them (the send-time suppression check refuses with `recipient_suppressed`) and their
 * inbound messages are neither stored nor forwarded, until it is lifted. It is their
 * suppression entry with reason `restricted`; a reason the entry had before (an opt-out) is
 * remembered and comes back on lifting, so lifting never makes anyone reachable who was not.
 */
export class SubjectRestrictionService {
  constructor(private readonly deps: SubjectRestrictionDeps) {}

  async restrict(
    accountId: string,
    request: { identifier: string; channel?: ChannelName },
    actor: Actor,
    origin: RequestOrigin = {},
  ): Promise<SubjectRestriction> {
    const subject = resolveSubject(request.identifier, request.channel);
    const hash = await this.deps.hasher.hash(accountId, subject.channel, subject.identifier);
    const { restriction, told } = await this.deps.usage.transaction().execute(async (tx) => {
      const key = { accountId, channel: subject.channel, hash };
      const existing = await findSuppressionByHash(tx, key, { lock: true });
      const suppression =
        existing === undefined
          ? await insertSuppression(tx, {
              id: newId('sup'),
              account_id: accountId,
              channel: subject.channel,
              identifier_hash: hash,
              identifier_masked: maskIdentifier(subject.channel, subject.identifier),
              reason: 'restricted',
            })
          : existing.reason === 'restricted'
            ? existing
            : await setSuppressionReason(tx, existing.id, 'restricted');
      const memory =
        existing?.reason === 'restricted'
          ? ((await findRestriction(tx, existing.id)) ??
            (await upsertRestriction(tx, {
              suppression_id: existing.id,
              account_id: accountId,
              reason_before: null,
            })))
          : await upsertRestriction(tx, {
              suppression_id: suppression.id,
              account_id: accountId,
              reason_before: existing?.reason ?? null,
            });
      const told = await this.tell(tx, 'subject.restricted', suppression);
      const restriction = {
        id: suppression.id,
        channel: suppression.channel,
        identifierMasked: suppression.identifier_masked,
        createdAt: memory.created_at,
      };
      return { restriction, told };
    });
    await this.deps.events.enqueue(told);
    await this.deps.requests.open({
      accountId,
      kind: 'restriction',
      channel: subject.channel,
      identifierHash: hash,
      actor,
      status: 'completed',
      origin,
      outcome: `Restricted (${restriction.id}): nothing is sent to them and their messages are not processed until it is lifted.`,
      details: { suppression_id: restriction.id },
    });
    return restriction;
  }

  /** Another organisation's restriction, or an entry that is not one, is not found. */
  async lift(accountId: string, id: string, actor: Actor): Promise<void> {
    const lifted = await this.deps.usage.transaction().execute(async (tx) => {
      const suppression = await findRestrictedSuppression(tx, accountId, id, { lock: true });
      if (!suppression) return null;
      const memory = await findRestriction(tx, suppression.id);
      if (memory?.reason_before) {
        await setSuppressionReason(tx, suppression.id, memory.reason_before);
        await deleteRestriction(tx, suppression.id);
      } else await deleteSuppression(tx, suppression.id);
      return {
        ...suppression,
        told: await this.tell(tx, 'subject.restriction_lifted', suppression),
      };
    });
    if (!lifted) throw new HeraldError('restriction_not_found', { param: 'restriction_id' });
    await this.deps.events.enqueue(lifted.told);
    await this.deps.requests.open({
      accountId,
      kind: 'restriction_lifted',
      channel: lifted.channel,
      identifierHash: lifted.identifier_hash,
      actor,
      status: 'completed',
      details: { suppression_id: lifted.id },
    });
  }

  /** The organisation's webhook event, by keyed hash: it restricts (or lifts) its own copies. */
  private tell(
    tx: Transaction<UsageDatabase>,
    type: 'subject.restricted' | 'subject.restriction_lifted',
    suppression: Pick<SuppressionRow, 'id' | 'account_id' | 'channel' | 'identifier_hash'>,
  ) {
    return this.deps.events.recordAbout(tx, {
      accountId: suppression.account_id,
      identifierHash: null,
      type,
      data: {
        subject: {
          channel: suppression.channel,
          identifier_hash: suppression.identifier_hash,
          restriction_id: suppression.id,
        },
      },
    });
  }

  /**
   * For inbound SMS: whether the sender is restricted, in which case nothing of theirs is
   * processed. An opt-out (STOP) is still kept, for when the restriction is lifted.
   */
  async holdsInbound(accountId: string, from: string, optOut: boolean): Promise<boolean> {
    const hash = await this.deps.hasher.hash(accountId, 'sms', from);
    const suppression = await findSuppressionByHash(this.deps.usage, {
      accountId,
      channel: 'sms',
      hash,
    });
    if (suppression?.reason !== 'restricted') return false;
    if (optOut)
      await upsertRestriction(this.deps.usage, {
        suppression_id: suppression.id,
        account_id: accountId,
        reason_before: 'opt_out',
      });
    return true;
  }
}
