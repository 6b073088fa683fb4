import {
  accountServiceFor,
  createTestStores,
  type TestStores,
  testMasterKey,
} from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentifierHasher } from '../../suppressions/identifier-hasher.js';
import { ContentVault } from '../content/content-vault.js';
import { assertMasterKeyMatches, MasterKeyMismatchError } from './master-key-check.js';

describe('starting with a master key', () => {
  let t: TestStores;
  beforeAll(async () => {
    t = await createTestStores();
  });
  afterAll(() => t.drop());

  it('starts on empty stores, and on stores whose keys it wrapped', async () => {
    const key = testMasterKey();
    await assertMasterKeyMatches(t.stores, key);
    const account = await accountServiceFor(t.stores.account).createAccount('Keyed');
    await new ContentVault({ content: t.stores.content, masterKey: key }).store(
      account.id,
      'msg_keyed',
      {
        channel: 'sms',
        body: 'hello',
      },
    );
    await new IdentifierHasher({ usage: t.stores.usage, masterKey: key }).hash(
      account.id,
      'sms',
      '+14155550100',
    );
    await assertMasterKeyMatches(t.stores, key);
  });

  it('refuses another key, naming both key ids and what to do', async () => {
    const other = testMasterKey();
    const error = await assertMasterKeyMatches(t.stores, other).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MasterKeyMismatchError);
    expect((error as Error).message).toContain(other.id);
    expect((error as Error).message).toContain('HERALD_MASTER_KEY');
  });
});
