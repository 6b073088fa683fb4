import type { Kysely } from 'kysely';
import { HeraldError } from '../platform/errors/herald-error.js';
import type { ChannelName, UsageDatabase } from '../platform/stores/usage.schema.js';
import { outboundIdsByProviderId } from './dev-inbox.store.js';

/** One message as a local provider server (`npm start`'s sinks) received it. */
export type SinkInboxEntry = {
  channel: ChannelName;
  /** The id the server answered the worker with; the worker stores it as `provider_message_id`. */
  providerMessageId: string;
  to: string;
  from: string | null;
  receivedAt: Date;
  body?: string;
  subject?: string;
  text?: string;
  html?: string;
  title?: string;
  data?: Record<string, string>;
};

export type DevInboxItem = SinkInboxEntry & { messageId: string };

/** Reads what the local servers received, every account's messages mixed. */
export type SinkInboxSource = () => Promise<SinkInboxEntry[]>;

/** The most recent entries looked at per request: the sinks keep everything since they started. */
const LOOKBACK = 1000;

/**
 * The development inbox: what the local SMS, email and push servers received, narrowed to one
 * account by matching each server's own id against the provider ids of the account's messages.
 * The servers know nothing of accounts, and the worker adds nothing for them: the match rides
 * on the id every real provider answers with too. Without a source (production, or providers
 * configured), it is off.
 */
export class DevInboxService {
  constructor(private readonly deps: { usage: Kysely<UsageDatabase>; source?: SinkInboxSource }) {}

  get enabled(): boolean {
    return this.deps.source !== undefined;
  }

  async list(
    accountId: string,
    query: { channel?: ChannelName; limit: number },
  ): Promise<DevInboxItem[]> {
    if (!this.deps.source) throw new HeraldError('dev_inbox_disabled');
    const recent = (await this.deps.source())
      .filter((entry) => query.channel === undefined || entry.channel === query.channel)
      .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime())
      .slice(0, LOOKBACK);
    const ids = await outboundIdsByProviderId(
      this.deps.usage,
      accountId,
      recent.map((entry) => entry.providerMessageId),
    );
    return recent
      .filter((entry) => ids.has(entry.providerMessageId))
      .slice(0, query.limit)
      .map((entry) => ({ ...entry, messageId: ids.get(entry.providerMessageId)! }));
  }
}
