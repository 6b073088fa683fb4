import {
  createTestStores,
  newMessageRow,
  type TestStores,
  testIdentifiers,
  testMasterKey,
} from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentifierBackfill } from './identifier-backfill.js';
import { insertMessage } from './message.store.js';

/** Rows from before identifiers were sealed (ADR 38) are sealed by the worker's backfill. */
describe('IdentifierBackfill', () => {
  let t: TestStores;
  const masterKey = testMasterKey();
  beforeAll(async () => {
    t = await createTestStores();
  });
  afterAll(() => t.drop());

  const row = (id: string) =>
    t.stores.usage
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('seals each clear end user once, leaves the organisation’s side and erased rows alone', async () => {
    const identifiers = testIdentifiers(t.stores, masterKey);
    const outbound = newMessageRow({ account_id: 'acc_backfill', recipient: '+14155550177' });
    const inbound = newMessageRow({
      account_id: 'acc_backfill',
      direction: 'inbound',
      status: 'received',
      recipient: '+15005550006',
      sender: '+14155550178',
    });
    const erased = newMessageRow({ account_id: 'acc_backfill', recipient: 'erased:abc' });
    for (const r of [outbound, inbound, erased]) await insertMessage(t.stores.usage, r);

    const backfill = new IdentifierBackfill({ usage: t.stores.usage, identifiers, batchSize: 2 });
    expect(await backfill.run()).toBe(2);
    expect(await backfill.run()).toBe(0);

    const sealedOut = await row(outbound.id);
    expect(sealedOut).toMatchObject({ recipient: null });
    expect(sealedOut.identifier_hash).toBe(
      await identifiers.hash({ account_id: 'acc_backfill', channel: 'sms' }, '+14155550177'),
    );
    expect((await identifiers.reveal(sealedOut)).recipient).toBe('+14155550177');

    const sealedIn = await row(inbound.id);
    expect(sealedIn).toMatchObject({ recipient: '+15005550006', sender: null });
    expect((await identifiers.reveal(sealedIn)).sender).toBe('+14155550178');

    expect(await row(erased.id)).toMatchObject({
      recipient: 'erased:abc',
      identifier_sealed: null,
    });
  });
});
