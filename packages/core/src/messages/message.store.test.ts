import { createTestStores, newMessageRow, type TestStores } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../platform/ids.js';
import { insertMessages } from './message.store.js';

function newRow(accountId: string, recipient: string) {
  return newMessageRow({ account_id: accountId, recipient });
}

/** The batched insert must say exactly what the single one says, row by row. */
describe('insertMessages', () => {
  let t: TestStores;
  beforeAll(async () => {
    t = await createTestStores();
    await t.stores.usage
      .insertInto('suppressions')
      .values({
        id: newId('sup'),
        account_id: 'acc_a',
        channel: 'sms',
        identifier_hash: 'hash-of-a-suppressed-number',
        identifier_masked: '+1415•••0199',
        reason: 'manual',
      })
      .execute();
  });
  afterAll(() => t.drop());

  it('when rows of several accounts go in one statement, then each is written with its first event and only the suppressed one says so', async () => {
    const items = [
      { row: newRow('acc_a', '+14155550101'), guard: guard('acc_a', 'another-hash') },
      {
        row: newRow('acc_a', '+14155550199'),
        guard: guard('acc_a', 'hash-of-a-suppressed-number'),
      },
      // The same hash in another account's list does not count.
      {
        row: newRow('acc_b', '+14155550199'),
        guard: guard('acc_b', 'hash-of-a-suppressed-number'),
      },
      { row: newRow('acc_a', '+14155550102') },
    ];
    const inserted = await insertMessages(t.stores.usage, items);

    expect(inserted.map((m) => [m.id, m.suppressed])).toEqual(
      items.map((item, i) => [item.row.id, i === 1]),
    );
    const events = await t.stores.usage
      .selectFrom('message_events')
      .select(['message_id', 'status'])
      .where(
        'message_id',
        'in',
        items.map((item) => item.row.id),
      )
      .execute();
    expect(events).toHaveLength(4);
    expect(new Set(events.map((e) => e.status))).toEqual(new Set(['queued']));
  });
});

function guard(accountId: string, hash: string) {
  return { accountId, channel: 'sms' as const, hash };
}
