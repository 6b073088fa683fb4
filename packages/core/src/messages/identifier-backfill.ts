import { type Kysely, sql } from 'kysely';
import type { UsageDatabase } from '../platform/stores/usage.schema.js';
import type { MessageIdentifiers } from './message-identifiers.js';

/**
 * Seals the end users of rows written before identifiers were sealed (ADR 38), a batch at a
 * time, so an upgraded deployment holds no identifier in the clear once it has run. Each row's
 * update checks it is still clear: several workers running it at once seal a row once.
 */
export class IdentifierBackfill {
  constructor(
    private readonly deps: {
      usage: Kysely<UsageDatabase>;
      identifiers: MessageIdentifiers;
      batchSize?: number;
    },
  ) {}

  /** Rows sealed; runs until none is left. */
  async run(): Promise<number> {
    let sealed = 0;
    for (;;) {
      const batch = await this.clearRows();
      if (batch.length === 0) return sealed;
      for (const row of batch) {
        const outbound = row.direction === 'outbound';
        const next = await this.deps.identifiers.seal({
          id: row.id,
          account_id: row.account_id,
          channel: row.channel,
          direction: row.direction,
          recipient: row.recipient,
          sender: row.sender,
        } as Parameters<MessageIdentifiers['seal']>[0]);
        const updated = await this.deps.usage
          .updateTable('messages')
          .set({
            recipient: next.recipient,
            sender: next.sender,
            identifier_hash: next.identifier_hash,
            identifier_sealed: next.identifier_sealed,
          })
          .where('id', '=', row.id)
          .where('identifier_sealed', 'is', null)
          .where(outbound ? 'recipient' : 'sender', '=', (outbound ? row.recipient : row.sender)!)
          .executeTakeFirst();
        sealed += Number(updated.numUpdatedRows);
      }
    }
  }

  private clearRows() {
    return this.deps.usage
      .selectFrom('messages')
      .select(['id', 'account_id', 'channel', 'direction', 'recipient', 'sender'])
      .where('identifier_sealed', 'is', null)
      .where(
        sql<boolean>`case when direction = 'outbound'
          then recipient is not null and recipient not like 'erased:%'
          else sender is not null and sender not like 'erased:%' end`,
      )
      .limit(this.deps.batchSize ?? 500)
      .execute();
  }
}
