import type { Kysely } from 'kysely';
import type { Actor } from '../../audit/audit-log.js';
import type { Clock } from '../../platform/clock.js';
import { canonicalJson } from '../../platform/crypto/canonical-json.js';
import { HeraldError } from '../../platform/errors/herald-error.js';
import type { BestEffort } from '../../platform/observability/best-effort.js';
import type { AccountDatabase } from '../../platform/stores/account.schema.js';
import type { ChannelName, UsageDatabase } from '../../platform/stores/usage.schema.js';
import type { IdentifierHasher } from '../../suppressions/identifier-hasher.js';
import {
  type ErasureReceipt,
  findErasureReceipt,
  insertErasureReceipt,
} from './erasure-receipt.store.js';
import type { ErasureRegister } from './erasure-register.js';
import type { PrivacyRequestLog, RequestOrigin } from './privacy-request.service.js';
import {
  type ProviderDeletionProgress,
  providerDeletionProgress,
} from './provider-erasure.store.js';
import type { ReceiptSigner } from './receipt-signer.js';
import { newPrivacyId, resolveSubject } from './subject.js';
import type { SubjectEraser } from './subject-eraser.js';

/** A receipt, with how far the deletions it asked of providers have got (not signed: it moves). */
export type ErasureReceiptView = ErasureReceipt & { providerDeletions: ProviderDeletionProgress };

export type ErasureDeps = {
  account: Kysely<AccountDatabase>;
  usage: Kysely<UsageDatabase>;
  hasher: IdentifierHasher;
  signer: ReceiptSigner;
  requests: PrivacyRequestLog;
  /** The work in every store and queue (one per process: it tells the organisation too). */
  eraser: SubjectEraser;
  /** Where every erasure is written first, so a restored backup can be erased again (ADR 35). */
  register: ErasureRegister;
  clock: Clock;
  /** Asks the worker to delete the providers' copies an erasure recorded (ADR 35). */
  providerDeletions: { request(job: { accountId: string; erasureId: string }): Promise<void> };
  /** Told when a failed erasure cannot be marked failed in the register of requests. */
  bestEffort: BestEffort;
};

/**
 * Erasure of one end user of one organisation, answered synchronously with a signed receipt.
 * It is written to the register of erasures before anything is erased, so no erasure that
 * happened can be missing from a replay after a restore; then SubjectEraser does the work.
 */
export class ErasureService {
  private readonly clock: Clock;

  constructor(private readonly deps: ErasureDeps) {
    this.clock = deps.clock;
  }

  async erase(
    accountId: string,
    request: { identifier: string; channel?: ChannelName },
    actor: Actor,
    origin: RequestOrigin = {},
  ): Promise<ErasureReceiptView> {
    const subject = resolveSubject(request.identifier, request.channel);
    const hash = await this.deps.hasher.hash(accountId, subject.channel, subject.identifier);
    const opened = await this.deps.requests.open({
      accountId,
      kind: 'erasure',
      channel: subject.channel,
      identifierHash: hash,
      actor,
      status: 'pending',
      origin,
    });
    // The receipt's id is known from the start: the providers' deletions are recorded under it.
    const erasureId = newPrivacyId('era');
    try {
      await this.deps.register.record({
        erasureId,
        accountId,
        channel: subject.channel,
        identifierHash: hash,
        at: this.clock.now(),
      });
      const erased = await this.deps.eraser.erase({
        accountId,
        channel: subject.channel,
        identifier: subject.identifier,
        hash,
        erasureId,
      });
      const receipt = await this.sign({
        id: erasureId,
        accountId,
        privacyRequestId: opened.id,
        channel: subject.channel,
        identifierHash: hash,
        ...erased,
      });
      await insertErasureReceipt(this.deps.account, receipt);
      await this.deps.requests.settle(
        accountId,
        opened.id,
        'completed',
        `Erased from every store (receipt ${erasureId}): ${erased.counts['usage.messages_sent']} messages sent and ${erased.counts['usage.messages_received']} received.`,
      );
      if (erased.providerDeletions > 0)
        await this.deps.bestEffort.attempt(
          'provider_erasure_enqueue',
          this.deps.providerDeletions.request({ accountId, erasureId }),
          { accountId, erasureId },
        );
      return this.withProgress(receipt);
    } catch (error) {
      // The caller gets the erasure's own error; the register's failure is reported.
      await this.deps.bestEffort.attempt(
        'privacy_request_settle',
        this.deps.requests.settle(accountId, opened.id, 'failed'),
        { accountId, privacyRequestId: opened.id },
      );
      throw error;
    }
  }

  async receipt(accountId: string, id: string): Promise<ErasureReceiptView> {
    const receipt = await findErasureReceipt(this.deps.account, accountId, id);
    if (!receipt) throw new HeraldError('subject_erasure_not_found', { param: 'erasure_id' });
    return this.withProgress(receipt);
  }

  private async withProgress(receipt: ErasureReceipt): Promise<ErasureReceiptView> {
    return {
      ...receipt,
      providerDeletions: await providerDeletionProgress(
        this.deps.usage,
        receipt.accountId,
        receipt.id,
      ),
    };
  }

  private async sign(
    unsigned: Omit<ErasureReceipt, 'completedAt' | 'signedPayload' | 'signature'>,
  ): Promise<ErasureReceipt> {
    const completedAt = this.clock.now();
    // Version 2 adds `propagation`: who else was asked to delete, or why they could not be.
    const signedPayload = canonicalJson({
      object: 'erasure_receipt',
      version: 2,
      id: unsigned.id,
      account_id: unsigned.accountId,
      privacy_request_id: unsigned.privacyRequestId,
      channel: unsigned.channel,
      identifier_hash: unsigned.identifierHash,
      counts: unsigned.counts,
      propagation: unsigned.propagation,
      completed_at: completedAt.toISOString(),
    });
    return {
      ...unsigned,
      completedAt,
      signedPayload,
      signature: await this.deps.signer.sign(signedPayload),
    };
  }
}
