import {
  createTestStores,
  newMessageRow,
  type TestStores,
  testIdentifiers,
  testMasterKey,
} from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../platform/clock.js';
import { ContentVault } from '../platform/content/content-vault.js';
import type { MessageStatus, NewMessageRow } from '../platform/stores/usage.schema.js';
import { DeliveryService } from './delivery.service.js';
import { insertMessage } from './message.store.js';
import { mayFollow, messageStatuses } from './message-status.js';

/** The worker's and the providers' status changes, each one statement, against PostgreSQL. */
describe('DeliveryService', () => {
  let t: TestStores;
  let delivery: DeliveryService;
  // Every statement the service sends to the usage store is counted here.
  let sent = 0;
  const countStatements = () => {
    const from = sent;
    return { stop: () => sent - from };
  };
  beforeAll(async () => {
    t = await createTestStores();
    delivery = new DeliveryService({
      usage: t.stores.usage.withPlugin({
        transformQuery: (args) => {
          sent++;
          return args.node;
        },
        transformResult: async (args) => args.result,
      }),
      vault: new ContentVault({ content: t.stores.content, masterKey: testMasterKey() }),
      identifiers: testIdentifiers(t.stores, testMasterKey()),
      clock: systemClock,
    });
  });
  afterAll(() => t.drop());

  /** A message in `status` (no stored content: the claim then reads nothing). */
  async function messageIn(status: MessageStatus, overrides: Partial<NewMessageRow> = {}) {
    const row = newMessageRow({ status, content_stored: false, ...overrides });
    await insertMessage(t.stores.usage, row);
    return row.id;
  }

  const stateOf = (id: string) =>
    t.stores.usage
      .selectFrom('messages')
      .select(['status', 'attempts', 'error_code', 'error_message', 'provider'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  /** The statuses of its events after the first (the one its insert wrote). */
  async function laterEvents(id: string) {
    const events = await t.stores.usage
      .selectFrom('message_events')
      .select(['status', 'error_code'])
      .where('message_id', '=', id)
      .orderBy('id')
      .execute();
    return events.slice(1);
  }

  describe('claim', () => {
    it.each(['scheduled', 'queued'] as const)(
      'when a %s message is claimed, then it is sending with one attempt and a sending event',
      async (status) => {
        const id = await messageIn(status);
        const claimed = await delivery.claim(id);
        expect(claimed.outcome).toBe('claimed');
        expect(claimed.outcome === 'claimed' && claimed.message.status).toBe('sending');
        expect(await stateOf(id)).toMatchObject({ status: 'sending', attempts: 1 });
        expect(await laterEvents(id)).toEqual([{ status: 'sending', error_code: null }]);
      },
    );

    it('when a sending message is claimed again (a retry), then it counts the attempt and writes no second event', async () => {
      const id = await messageIn('queued');
      await delivery.claim(id);
      const again = await delivery.claim(id);
      expect(again.outcome).toBe('claimed');
      expect(await stateOf(id)).toMatchObject({ status: 'sending', attempts: 2 });
      expect(await laterEvents(id)).toEqual([{ status: 'sending', error_code: null }]);
    });

    it.each(['queued', 'scheduled', 'sending'] as const)(
      'when a %s message is past its validity period, then the claim ends it failed with validity_expired and its event',
      async (status) => {
        const id = await messageIn(status, { expires_at: new Date(Date.now() - 1000) });
        const claimed = await delivery.claim(id);
        expect(claimed.outcome).toBe('expired');
        expect(claimed.outcome === 'expired' && claimed.message.errorCode).toBe('validity_expired');
        expect(await stateOf(id)).toMatchObject({
          status: 'failed',
          attempts: 0,
          error_code: 'validity_expired',
        });
        expect(await laterEvents(id)).toEqual([
          { status: 'failed', error_code: 'validity_expired' },
        ]);
      },
    );

    it('when a message is still within its validity period, then it is claimed', async () => {
      const id = await messageIn('queued', { expires_at: new Date(Date.now() + 60_000) });
      expect((await delivery.claim(id)).outcome).toBe('claimed');
    });

    it.each(messageStatuses.filter((s) => !['scheduled', 'queued', 'sending'].includes(s)))(
      'when a %s message is claimed (a duplicate job), then it is finished and left as it is',
      async (status) => {
        // Expired too: a finished message stays finished, whatever its validity period.
        const id = await messageIn(status, { expires_at: new Date(Date.now() - 1000) });
        expect(await delivery.claim(id)).toEqual({ outcome: 'finished' });
        expect(await stateOf(id)).toMatchObject({ status, attempts: 0, error_code: null });
        expect(await laterEvents(id)).toEqual([]);
      },
    );

    it('when the message does not exist, then the claim says it is gone', async () => {
      expect(await delivery.claim('msg_never_was')).toEqual({ outcome: 'gone' });
    });

    it('when the jobs running at once claim different messages, then they share one statement and each gets its own outcome', async () => {
      const ids = {
        queued: await messageIn('queued'),
        expired: await messageIn('queued', { expires_at: new Date(Date.now() - 1000) }),
        sent: await messageIn('sent'),
      };
      const statements = countStatements();
      const outcomes = await Promise.all([
        delivery.claim(ids.queued),
        delivery.claim(ids.expired),
        delivery.claim(ids.sent),
        delivery.claim('msg_not_there'),
      ]);
      expect(statements.stop()).toBe(1);
      expect(outcomes.map((o) => o.outcome)).toEqual(['claimed', 'expired', 'finished', 'gone']);
      expect(await stateOf(ids.queued)).toMatchObject({ status: 'sending', attempts: 1 });
      expect(await stateOf(ids.expired)).toMatchObject({
        status: 'failed',
        error_code: 'validity_expired',
      });
    });

    it('when two workers claim the same queued message at once, then both wait their turn and one sending event is written', async () => {
      const id = await messageIn('queued');
      const outcomes = await Promise.all([delivery.claim(id), delivery.claim(id)]);
      expect(outcomes.map((o) => o.outcome)).toEqual(['claimed', 'claimed']);
      expect(await stateOf(id)).toMatchObject({ status: 'sending', attempts: 2 });
      expect(await laterEvents(id)).toEqual([{ status: 'sending', error_code: null }]);
    });
  });

  describe('markSent', () => {
    it('when the jobs running at once record what their providers said, then one statement records each', async () => {
      const ids = [
        await messageIn('sending'),
        await messageIn('sending'),
        await messageIn('delivered'),
      ];
      const statements = countStatements();
      await Promise.all(
        ids.map((id, i) =>
          delivery.markSent(id, { provider: 'twilio', providerMessageId: `SM${i}`, sender: null }),
        ),
      );
      expect(statements.stop()).toBe(1);
      expect(await stateOf(ids[0]!)).toMatchObject({ status: 'sent' });
      expect(await stateOf(ids[1]!)).toMatchObject({ status: 'sent' });
      // A receipt got there first: the provider's id is kept, the status is not undone.
      expect(await stateOf(ids[2]!)).toMatchObject({ status: 'delivered' });
    });
  });

  describe('markFailed', () => {
    it.each(messageStatuses)(
      'when a %s message is marked failed, then it fails only if failed may follow, with its event',
      async (status) => {
        const id = await messageIn(status, { provider: 'twilio' });
        await delivery.markFailed(id, {
          code: 'provider_rejected',
          message: 'The provider refused the message permanently.',
          provider: null,
        });
        if (mayFollow(status, 'failed')) {
          // A failure that names no provider keeps the one on record.
          expect(await stateOf(id)).toMatchObject({
            status: 'failed',
            error_code: 'provider_rejected',
            error_message: 'The provider refused the message permanently.',
            provider: 'twilio',
          });
          expect(await laterEvents(id)).toEqual([
            { status: 'failed', error_code: 'provider_rejected' },
          ]);
        } else {
          expect(await stateOf(id)).toMatchObject({
            status,
            error_code: null,
            error_message: null,
          });
          expect(await laterEvents(id)).toEqual([]);
        }
      },
    );

    it('when the message does not exist, then marking it failed writes nothing', async () => {
      await delivery.markFailed('msg_never_was', {
        code: 'provider_rejected',
        message: 'x',
        provider: null,
      });
      const events = await t.stores.usage
        .selectFrom('message_events')
        .select('id')
        .where('message_id', '=', 'msg_never_was')
        .execute();
      expect(events).toEqual([]);
    });
  });

  describe('markSent', () => {
    it.each(messageStatuses)(
      'when a %s message is marked sent, then the provider id is kept and the status moves only if sent may follow',
      async (status) => {
        const id = await messageIn(status);
        await delivery.markSent(id, { provider: 'twilio', providerMessageId: 'SM1', sender: null });
        const row = await t.stores.usage
          .selectFrom('messages')
          .select(['status', 'provider_message_id'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const moves = mayFollow(status, 'sent');
        expect(row).toEqual({ status: moves ? 'sent' : status, provider_message_id: 'SM1' });
        expect(await laterEvents(id)).toEqual(moves ? [{ status: 'sent', error_code: null }] : []);
      },
    );
  });

  describe('recordProviderStatus', () => {
    const reported = ['sent', 'delivered', 'undelivered', 'failed'] as const;
    const cases = messageStatuses.flatMap((from) => reported.map((to) => ({ from, to })));

    it.each(cases)(
      'when a $from message gets a $to receipt, then it moves only if $to may follow',
      async ({ from, to }) => {
        const id = await messageIn(from);
        const message = await delivery.recordProviderStatus(id, {
          status: to,
          errorCode: to === 'undelivered' ? 'recipient_unreachable' : null,
        });
        const moves = mayFollow(from, to);
        expect(message?.status).toBe(moves ? to : from);
        expect((await stateOf(id)).status).toBe(moves ? to : from);
        expect((await laterEvents(id)).map((e) => e.status)).toEqual(moves ? [to] : []);
      },
    );

    it('when the message does not exist, then the receipt finds nothing', async () => {
      expect(
        await delivery.recordProviderStatus('msg_never_was', { status: 'delivered' }),
      ).toBeNull();
    });
  });
});
