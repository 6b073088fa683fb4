import { createTestStores, type TestStores, testMasterKey } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMasterKey } from '../crypto/master-key.js';
import { insertContents } from './content.store.js';
import { ContentVault } from './content-vault.js';

describe('ContentVault', () => {
  let t: TestStores;
  beforeAll(async () => {
    t = await createTestStores();
  });
  afterAll(() => t.drop());

  it('when content is stored, then it reads back whole and the row holds only ciphertext', async () => {
    const vault = new ContentVault({ content: t.stores.content, masterKey: testMasterKey() });
    const content = {
      channel: 'email' as const,
      subject: 'Quarterly secret',
      text: 'the plain body',
      html: '<p>hi</p>',
    };
    await vault.store('acc_1', 'msg_1', content);

    expect(await vault.read('acc_1', 'msg_1')).toEqual(content);
    const row = await t.stores.content
      .selectFrom('message_contents')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row.ciphertext.includes(Buffer.from('Quarterly secret'))).toBe(false);
  });

  it('when the master key is another one, then reading refuses instead of returning garbage', async () => {
    const writer = new ContentVault({ content: t.stores.content, masterKey: testMasterKey() });
    await writer.store('acc_2', 'msg_2', { channel: 'sms', body: 'hello' });
    const reader = new ContentVault({
      content: t.stores.content,
      masterKey: parseMasterKey(Buffer.alloc(32, 7).toString('base64')),
    });
    await expect(reader.read('acc_2', 'msg_2')).rejects.toThrow(/master key/);
  });

  it('when a ciphertext is moved to another message, then it does not open', async () => {
    const key = testMasterKey();
    const vault = new ContentVault({ content: t.stores.content, masterKey: key });
    await vault.store('acc_3', 'msg_a', { channel: 'sms', body: 'for a' });
    const { ciphertext } = await t.stores.content
      .selectFrom('message_contents')
      .select('ciphertext')
      .where('message_id', '=', 'msg_a')
      .executeTakeFirstOrThrow();
    await t.stores.content
      .insertInto('message_contents')
      .values({ message_id: 'msg_b', account_id: 'acc_3', ciphertext })
      .execute();
    await expect(
      new ContentVault({ content: t.stores.content, masterKey: key }).readDetailed(
        'acc_3',
        'msg_b',
      ),
    ).resolves.toEqual({ status: 'unreadable' });
  });

  it('when the data key is destroyed, then a process that cached it can no longer read once its TTL ran out', async () => {
    const vault = new ContentVault({
      content: t.stores.content,
      masterKey: testMasterKey(),
      keyCacheTtlMs: 100,
    });
    await vault.store('acc_ttl', 'msg_ttl', { channel: 'sms', body: 'short-lived' });
    await t.stores.content.deleteFrom('data_keys').where('account_id', '=', 'acc_ttl').execute();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(vault.readDetailed('acc_ttl', 'msg_ttl')).resolves.toEqual({
      status: 'unreadable',
    });
  });

  it('when the data key is destroyed and re-made after a process cached it, then what that process stores is still readable', async () => {
    const key = testMasterKey();
    const longLived = new ContentVault({
      content: t.stores.content,
      masterKey: key,
      keyCacheTtlMs: 60_000,
    });
    await longLived.store('acc_4', 'msg_before', { channel: 'sms', body: 'before' });

    // Closing destroys the key; cancelling the closure and sending again makes a new one.
    await t.stores.content.deleteFrom('data_keys').where('account_id', '=', 'acc_4').execute();
    const other = new ContentVault({ content: t.stores.content, masterKey: key });
    await other.store('acc_4', 'msg_other', { channel: 'sms', body: 'other' });

    await longLived.store('acc_4', 'msg_after', { channel: 'sms', body: 'after' });
    const fresh = new ContentVault({ content: t.stores.content, masterKey: key });
    await expect(fresh.read('acc_4', 'msg_after')).resolves.toEqual({
      channel: 'sms',
      body: 'after',
    });
    await expect(fresh.readDetailed('acc_4', 'msg_before')).resolves.toEqual({
      status: 'unreadable',
    });
  });

  it('when contents of several messages are stored at once, including one under a key destroyed since it was cached, then each reads back', async () => {
    const key = testMasterKey();
    const longLived = new ContentVault({
      content: t.stores.content,
      masterKey: key,
      keyCacheTtlMs: 60_000,
    });
    for (const accountId of ['acc_5', 'acc_6', 'acc_7'])
      await longLived.store(accountId, `msg_warm_${accountId}`, { channel: 'sms', body: 'warm' });
    await t.stores.content.deleteFrom('data_keys').where('account_id', '=', 'acc_5').execute();
    await new ContentVault({ content: t.stores.content, masterKey: key }).store(
      'acc_5',
      'msg_new_key',
      {
        channel: 'sms',
        body: 'makes a new key',
      },
    );

    // In one turn of the event loop: these share one insert, and acc_5's row in it is refused.
    const stores = ['acc_5', 'acc_6', 'acc_6', 'acc_7'].map((accountId, i) =>
      longLived.store(accountId, `msg_together_${i}`, { channel: 'sms', body: `together ${i}` }),
    );
    await Promise.all(stores);

    const fresh = new ContentVault({ content: t.stores.content, masterKey: key });
    for (const [i, accountId] of ['acc_5', 'acc_6', 'acc_6', 'acc_7'].entries())
      await expect(fresh.read(accountId, `msg_together_${i}`)).resolves.toEqual({
        channel: 'sms',
        body: `together ${i}`,
      });
  });

  it("insertContents writes only the rows sealed under their account's current key, and says which", async () => {
    const vault = new ContentVault({ content: t.stores.content, masterKey: testMasterKey() });
    await vault.store('acc_8', 'msg_makes_key', { channel: 'sms', body: 'x' });
    const { wrapped_key } = await t.stores.content
      .selectFrom('data_keys')
      .select('wrapped_key')
      .where('account_id', '=', 'acc_8')
      .executeTakeFirstOrThrow();
    const row = (id: string) => ({
      message_id: id,
      account_id: 'acc_8',
      ciphertext: Buffer.from(id),
    });
    await expect(
      insertContents(t.stores.content, [
        { row: row('msg_c1'), sealedUnder: wrapped_key },
        { row: row('msg_c2'), sealedUnder: Buffer.from('a key that is gone') },
        { row: row('msg_c3'), sealedUnder: wrapped_key },
      ]),
    ).resolves.toEqual([true, false, true]);
  });
});
