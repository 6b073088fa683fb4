import {
  type ChannelName,
  ContentVault,
  type MasterKey,
  type MessageStatus,
  newId,
  newIdAt,
  type Stores,
} from '@herald/core';

/**
 * Rows of a chosen age in each store, for the retention tests: a message with its event and
 * its (encrypted) content, a log-in, an idempotency record. Ages are what retention looks at.
 */
export type RetentionSeed = {
  message(input: {
    accountId: string;
    createdAt: Date;
    status?: MessageStatus;
    channel?: ChannelName;
    recipient?: string;
    body?: string;
  }): Promise<string>;
  login(accountId: string | null, createdAt: Date, ip?: string): Promise<void>;
  idempotencyKey(accountId: string, createdAt: Date): Promise<string>;
};

export function retentionSeed(stores: Stores, masterKey: MasterKey): RetentionSeed {
  const vault = new ContentVault({ content: stores.content, masterKey });
  return {
    message: async (input) => {
      const id = newIdAt('msg', input.createdAt);
      const channel = input.channel ?? 'sms';
      const status = input.status ?? 'delivered';
      await stores.usage
        .insertInto('messages')
        .values({
          id,
          account_id: input.accountId,
          channel,
          recipient: input.recipient ?? '+14155550100',
          sender: null,
          status,
          error_code: null,
          error_message: null,
          provider: 'twilio',
          provider_message_id: null,
          status_callback: null,
          metadata: '{}',
          content_stored: true,
          created_at: input.createdAt,
          updated_at: input.createdAt,
        })
        .execute();
      await stores.usage
        .insertInto('message_events')
        .values({
          message_id: id,
          account_id: input.accountId,
          status,
          error_code: null,
          created_at: input.createdAt,
        })
        .execute();
      const body = input.body ?? `Seeded ${id}`;
      await vault.store(
        input.accountId,
        id,
        channel === 'email' ? { channel, subject: body, text: body } : { channel: 'sms', body },
      );
      await stores.content
        .updateTable('message_contents')
        .set({ created_at: input.createdAt })
        .where('message_id', '=', id)
        .execute();
      return id;
    },
    login: async (accountId, createdAt, ip = '203.0.113.7') => {
      await stores.account
        .insertInto('login_events')
        .values({
          user_id: null,
          account_id: accountId,
          success: true,
          ip,
          user_agent: 'Seed/1.0',
          created_at: createdAt,
        })
        .execute();
    },
    idempotencyKey: async (accountId, createdAt) => {
      const key = `seed-${newId('req')}`;
      await stores.usage
        .insertInto('idempotency_keys')
        .values({
          account_id: accountId,
          key,
          request_hash: 'x',
          response_status: 202,
          response_body: '{}',
          created_at: createdAt,
        })
        .execute();
      return key;
    },
  };
}
