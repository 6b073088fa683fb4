import type { Schemas } from '@herald/openapi';
import type { Kysely } from 'kysely';
import { toMessage } from '../../messages/message.js';
import { presentContent, presentMessage } from '../../messages/message.wire.js';
import { MessageIdentifiers } from '../../messages/message-identifiers.js';
import type { Clock } from '../../platform/clock.js';
import type { ContentVault } from '../../platform/content/content-vault.js';
import { open } from '../../platform/crypto/aead.js';
import type { MasterKey } from '../../platform/crypto/master-key.js';
import type { ContentDatabase } from '../../platform/stores/content.schema.js';
import type { UsageDatabase } from '../../platform/stores/usage.schema.js';
import { listPreferenceChanges, topicOfScope } from '../../preferences/preference.store.js';
import type { IdentifierHasher } from '../../suppressions/identifier-hasher.js';
import { exportAad } from './export.service.js';
import {
  deleteSubjectExportsBefore,
  expireSubjectExports,
  findSubjectExport,
  markExportFailed,
  markExportReady,
} from './export.store.js';
import { sealArchive } from './export-crypto.js';
import type { PrivacyRequestLog } from './privacy-request.service.js';
import type { SubjectRef } from './subject.js';
import { listEventsOfMessages, listSubjectMessageRows } from './subject.store.js';
import { findSuppressionByHash } from './subject-restriction.store.js';

export type SubjectArchive = Schemas['SubjectArchive'];

export type SubjectExportBuilderDeps = {
  usage: Kysely<UsageDatabase>;
  content: Kysely<ContentDatabase>;
  vault: ContentVault;
  hasher: IdentifierHasher;
  masterKey: MasterKey;
  requests: PrivacyRequestLog;
  clock: Clock;
};

/** Rows of an export are removed this long after it expired (its status stays readable till then). */
const KEEP_ENDED_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The worker side of exports: builds the archive of one end user (their messages as the API
 * shows them, each with its status history and its decrypted content, and their suppression
 * state: exactly their records and no one else's), seals it to the export's public key, and
 * expires archives nobody downloaded.
 */
export class SubjectExportBuilder {
  private readonly clock: Clock;
  /** Their rows hold them sealed (ADR 38): the archive shows them as the API does. */
  private readonly identifiers: MessageIdentifiers;

  constructor(private readonly deps: SubjectExportBuilderDeps) {
    this.clock = deps.clock;
    this.identifiers = new MessageIdentifiers({ vault: deps.vault, hasher: deps.hasher });
  }

  /** `built`, or `skipped` when there is nothing to do (built already, expired, erased). */
  async build(accountId: string, exportId: string): Promise<'built' | 'skipped'> {
    const row = await findSubjectExport(this.deps.content, accountId, exportId);
    if (row?.status !== 'pending' || !row.subject_sealed) return 'skipped';
    if (row.expires_at.getTime() <= this.clock.now().getTime()) return 'skipped';
    const identifier = open(
      this.deps.masterKey.key,
      row.subject_sealed,
      exportAad(accountId, exportId, 'subject'),
    ).toString('utf8');
    const archive = await this.assemble(accountId, { channel: row.channel, identifier });
    const sealed = sealArchive(
      row.public_key,
      Buffer.from(JSON.stringify(archive), 'utf8'),
      exportAad(accountId, exportId, 'archive'),
    );
    if (!(await markExportReady(this.deps.content, exportId, sealed, this.clock.now())))
      return 'skipped';
    await this.deps.requests.settle(
      accountId,
      row.privacy_request_id,
      'completed',
      `A copy of their data was made (${exportId}), to download once within its link's 7 days.`,
    );
    return 'built';
  }

  /** After the last attempt: the export ends `failed`, and so does its request. */
  async fail(accountId: string, exportId: string): Promise<void> {
    const row = await findSubjectExport(this.deps.content, accountId, exportId);
    if (!row) return;
    await markExportFailed(this.deps.content, exportId, this.clock.now());
    await this.deps.requests.settle(accountId, row.privacy_request_id, 'failed');
  }

  /** Wipes archives past their time; returns how many. Requests never answered end `failed`. */
  async expireDue(): Promise<number> {
    const now = this.clock.now();
    const expired = await expireSubjectExports(this.deps.content, now);
    for (const row of expired)
      await this.deps.requests.settle(row.account_id, row.privacy_request_id, 'failed');
    await deleteSubjectExportsBefore(this.deps.content, new Date(now.getTime() - KEEP_ENDED_MS));
    return expired.length;
  }

  async assemble(accountId: string, subject: SubjectRef): Promise<SubjectArchive> {
    const messages: SubjectArchive['messages'] = [];
    const hash = await this.deps.hasher.hash(accountId, subject.channel, subject.identifier);
    let afterId: string | undefined;
    for (;;) {
      const found = await listSubjectMessageRows(
        this.deps.usage,
        accountId,
        { ...subject, hash },
        {
          limit: 200,
          afterId,
        },
      );
      const rows = await this.identifiers.revealAll(found);
      if (rows.length === 0) break;
      afterId = rows.at(-1)!.id;
      const events = await this.eventsOf(
        accountId,
        rows.map((r) => r.id),
      );
      for (const row of rows) {
        const content = row.content_stored ? await this.deps.vault.read(accountId, row.id) : null;
        messages.push({
          message: presentMessage(toMessage(row)),
          events: events.get(row.id) ?? [],
          content: content && presentContent(row.id, content),
        });
      }
    }
    const suppression = await findSuppressionByHash(this.deps.usage, {
      accountId,
      channel: subject.channel,
      hash,
    });
    return {
      object: 'subject_archive',
      generated_at: this.clock.now().toISOString(),
      channel: subject.channel,
      identifier: subject.identifier,
      messages,
      suppression: suppression
        ? {
            id: suppression.id,
            object: 'suppression',
            channel: suppression.channel,
            identifier_masked: suppression.identifier_masked,
            reason: suppression.reason,
            created_at: suppression.created_at.toISOString(),
          }
        : null,
      restricted: suppression?.reason === 'restricted',
      preference_changes: (
        await listPreferenceChanges(
          this.deps.usage,
          { accountId, channel: subject.channel, hash },
          Number.MAX_SAFE_INTEGER,
        )
      ).map((change) => ({
        topic: topicOfScope(change.scope),
        subscribed: change.subscribed,
        source: change.source,
        recorded_at: change.recorded_at.toISOString(),
      })),
    };
  }

  private async eventsOf(
    accountId: string,
    messageIds: string[],
  ): Promise<Map<string, Schemas['MessageEvent'][]>> {
    const rows = await listEventsOfMessages(this.deps.usage, accountId, messageIds);
    const byMessage = new Map<string, Schemas['MessageEvent'][]>();
    for (const row of rows) {
      const list = byMessage.get(row.message_id) ?? [];
      list.push({
        object: 'message_event',
        message_id: row.message_id,
        status: row.status,
        error_code: row.error_code as Schemas['DeliveryErrorCode'] | null,
        created_at: row.created_at.toISOString(),
      });
      byMessage.set(row.message_id, list);
    }
    return byMessage;
  }
}
