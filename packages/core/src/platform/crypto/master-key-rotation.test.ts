import {
  accountServiceFor,
  createTestStores,
  type TestStores,
  testMasterKey,
} from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../audit/audit-log.js';
import { IdentifierHasher } from '../../suppressions/identifier-hasher.js';
import { WebhookEndpointService } from '../../webhooks/webhook-endpoint.service.js';
import { systemClock } from '../clock.js';
import { ContentVault } from '../content/content-vault.js';
import { rotateMasterKey } from './master-key-rotation.js';

describe('rotating the master key', () => {
  let t: TestStores;
  beforeAll(async () => {
    t = await createTestStores();
  });
  afterAll(() => t.drop());

  it('re-wraps every key and secret without touching content, and can run again safely', async () => {
    const oldKey = testMasterKey();
    const newKey = testMasterKey();
    const account = await accountServiceFor(t.stores.account).createAccount('Rotating');
    const content = { channel: 'sms' as const, body: 'survives rotation' };
    await new ContentVault({ content: t.stores.content, masterKey: oldKey }).store(
      account.id,
      'msg_rotate',
      content,
    );
    const before = await t.stores.content
      .selectFrom('message_contents')
      .select('ciphertext')
      .executeTakeFirstOrThrow();
    const hashBefore = await new IdentifierHasher({
      usage: t.stores.usage,
      masterKey: oldKey,
    }).hash(account.id, 'sms', '+14155550100');
    const webhooks = (key: typeof oldKey) =>
      new WebhookEndpointService({
        account: t.stores.account,
        masterKey: key,
        guard: { allowHttpLoopback: true },
        audit: new AuditLog({ account: t.stores.account }),
        clock: systemClock,
      });
    const secretBefore = await webhooks(oldKey).signingSecret(account.id);

    expect(await rotateMasterKey(t.stores, oldKey, newKey)).toEqual({
      dataKeys: 1,
      heraldKeys: 1,
      webhookSecrets: 0,
      signingSecrets: 1,
      dkimKeys: 0,
    });

    // The content rows are byte for byte the same; only the wrapping of their key changed.
    const after = await t.stores.content
      .selectFrom('message_contents')
      .select('ciphertext')
      .executeTakeFirstOrThrow();
    expect(after.ciphertext.equals(before.ciphertext)).toBe(true);
    expect(
      await new ContentVault({ content: t.stores.content, masterKey: newKey }).read(
        account.id,
        'msg_rotate',
      ),
    ).toEqual(content);
    await expect(
      new ContentVault({ content: t.stores.content, masterKey: oldKey }).read(
        account.id,
        'msg_rotate',
      ),
    ).rejects.toThrow(/master key/);
    // Keyed hashes stay the same (the suppression list keeps working) and secrets keep signing.
    expect(
      await new IdentifierHasher({ usage: t.stores.usage, masterKey: newKey }).hash(
        account.id,
        'sms',
        '+14155550100',
      ),
    ).toBe(hashBefore);
    expect(await webhooks(newKey).signingSecret(account.id)).toBe(secretBefore);

    expect(await rotateMasterKey(t.stores, oldKey, newKey)).toEqual({
      dataKeys: 0,
      heraldKeys: 0,
      webhookSecrets: 0,
      signingSecrets: 0,
      dkimKeys: 0,
    });
  });
});
