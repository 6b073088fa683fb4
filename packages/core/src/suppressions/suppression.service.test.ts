import { createTestStores, type TestStores, testMasterKey } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMasterKey } from '../platform/crypto/master-key.js';
import { maskIdentifier } from './identifier.js';
import { IdentifierHasher } from './identifier-hasher.js';
import { suppressionReasonFor } from './suppression.js';
import { SuppressionService } from './suppression.service.js';

describe('SuppressionService', () => {
  let t: TestStores;
  let service: SuppressionService;
  const masterKey = testMasterKey();
  beforeAll(async () => {
    t = await createTestStores();
    service = new SuppressionService({
      usage: t.stores.usage,
      hasher: new IdentifierHasher({ usage: t.stores.usage, masterKey }),
    });
  });
  afterAll(() => t.drop());

  it('when a recipient is suppressed, then it is found by its normalised spelling, in its account and channel only', async () => {
    await service.suppress('acc_a', 'email', 'Ada.Lovelace@Example.com', 'bounce');
    expect(await service.isSuppressed('acc_a', 'email', 'ada.lovelace@example.com')).toBe(true);
    expect(await service.isSuppressed('acc_b', 'email', 'ada.lovelace@example.com')).toBe(false);
    expect(await service.isSuppressed('acc_a', 'sms', 'ada.lovelace@example.com')).toBe(false);
  });

  it('when the same recipient is suppressed twice, then the first entry (and its reason) stays', async () => {
    const first = await service.suppress('acc_a', 'sms', '+14155550100', 'opt_out');
    const again = await service.suppress('acc_a', 'sms', '+14155550100', 'manual');
    expect(first.created).toBe(true);
    expect(again).toEqual({ suppression: first.suppression, created: false });
    expect(first.suppression).toMatchObject({
      channel: 'sms',
      identifierMasked: '+1415•••0100',
      reason: 'opt_out',
    });
  });

  it('when lifted, then the recipient may be sent to again; lifting twice is harmless', async () => {
    await service.suppress('acc_c', 'sms', '+14155550111', 'opt_out');
    expect(await service.lift('acc_c', 'sms', '+14155550111')).toBe(true);
    expect(await service.lift('acc_c', 'sms', '+14155550111')).toBe(false);
    expect(await service.isSuppressed('acc_c', 'sms', '+14155550111')).toBe(false);
  });

  it('the table holds a keyed hash and a masked form, never the identifier; the HMAC key only wrapped', async () => {
    const token = `device-token:APA91b${'Q'.repeat(60)}`;
    await service.suppress('acc_d', 'push', token, 'unregistered');
    const rows = await t.stores.usage.selectFrom('suppressions').selectAll().execute();
    const text = JSON.stringify(rows);
    for (const clear of ['ada.lovelace@example.com', '+14155550100', token])
      expect(text).not.toContain(clear);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.identifier_hash))).toBe(true);
    const keys = await t.stores.usage.selectFrom('herald_keys').selectAll().execute();
    expect(keys).toEqual([
      expect.objectContaining({ name: 'suppression-hmac', kek_id: masterKey.id }),
    ]);
    expect(keys[0]!.wrapped_key.length).toBe(12 + 32 + 16);
  });

  it('the same identifier hashes differently per account, so two accounts cannot be linked', async () => {
    const hasher = new IdentifierHasher({ usage: t.stores.usage, masterKey });
    const one = await hasher.hash('acc_1', 'sms', '+14155550100');
    expect(one).toBe(await hasher.hash('acc_1', 'sms', '+14155550100'));
    expect(one).not.toBe(await hasher.hash('acc_2', 'sms', '+14155550100'));
  });

  it('when another master key is configured, then hashing refuses instead of using a new key', async () => {
    const other = new IdentifierHasher({
      usage: t.stores.usage,
      masterKey: parseMasterKey(Buffer.alloc(32, 9).toString('base64')),
    });
    await expect(other.hash('acc_1', 'sms', '+14155550100')).rejects.toThrow(/master key/);
  });

  it('lists newest first by page, filters by channel and by identifier, and refuses a foreign cursor', async () => {
    for (const n of [1, 2, 3]) await service.add('acc_list', 'sms', `+1415555020${n}`);
    await service.add('acc_list', 'email', 'grace@example.com');
    const first = await service.list('acc_list', { limit: 2 });
    expect(first.data.map((s) => s.identifierMasked)).toEqual(['g•••@example.com', '+1415•••0203']);
    const second = await service.list('acc_list', { limit: 2, cursor: first.nextCursor! });
    expect(second).toMatchObject({ hasMore: false, nextCursor: null });
    expect(second.data.map((s) => s.identifierMasked)).toEqual(['+1415•••0202', '+1415•••0201']);
    expect((await service.list('acc_list', { limit: 10, channel: 'sms' })).data).toHaveLength(3);
    const one = await service.list('acc_list', {
      limit: 10,
      channel: 'sms',
      identifier: '+14155550202',
    });
    expect(one.data.map((s) => s.reason)).toEqual(['manual']);
    await expect(service.list('acc_list', { limit: 1, cursor: 'nope' })).rejects.toMatchObject({
      code: 'invalid_cursor',
    });
    await expect(
      service.list('acc_list', { limit: 1, identifier: '+14155550202' }),
    ).rejects.toMatchObject({ code: 'invalid_parameter', param: 'channel' });
  });

  it('when an identifier added through the API is not one Herald could send to, then 422 naming it', async () => {
    await expect(service.add('acc_x', 'sms', '0415 555 0100')).rejects.toMatchObject({
      code: 'invalid_phone_number',
      param: 'identifier',
    });
    await expect(service.add('acc_x', 'email', 'not-an-address')).rejects.toMatchObject({
      code: 'invalid_email_address',
    });
    await expect(service.add('acc_x', 'push', 'short')).rejects.toMatchObject({
      code: 'invalid_push_token',
    });
  });

  it('when an end user texts STOP to a number nobody holds (the shared default sender), then it is kept for the number and reaches every account that sent them from it', async () => {
    const number = '+15005550099';
    const user = '+14155550301';
    const sentFrom = (accountId: string, sender: string) =>
      t.stores.usage
        .insertInto('messages')
        .values({
          id: `msg_${accountId}_${sender.slice(-4)}`,
          account_id: accountId,
          channel: 'sms',
          recipient: user,
          sender,
          status: 'delivered',
          error_code: null,
          error_message: null,
          provider: 'twilio',
          provider_message_id: null,
          status_callback: null,
          metadata: '{}',
          content_stored: false,
          sent_at: new Date(),
        })
        .execute();
    await sentFrom('acc_one', number);
    await sentFrom('acc_two', number);
    await sentFrom('acc_elsewhere', '+15005550098');

    expect((await service.optOutAtNumber(number, user, null)).sort()).toEqual([
      'acc_one',
      'acc_two',
    ]);
    expect(await service.isSuppressed('acc_one', 'sms', user)).toBe(true);
    expect(await service.isSuppressed('acc_elsewhere', 'sms', user)).toBe(false);
    // An account that never texted them from the number still may not, from that number.
    expect(await service.isSuppressed('acc_new', 'sms', user, number)).toBe(true);
    expect(await service.isSuppressed('acc_new', 'sms', user, '+15005550098')).toBe(false);
    const kept = await t.stores.usage.selectFrom('sender_opt_outs').selectAll().execute();
    expect(JSON.stringify(kept)).not.toContain(user.slice(1));

    await service.optInAtNumber(number, user, null);
    expect(await service.isSuppressed('acc_new', 'sms', user, number)).toBe(false);
    expect(await service.isSuppressed('acc_one', 'sms', user)).toBe(true);
  });

  it('when one account removes another account’s entry by id, then not found', async () => {
    const { suppression } = await service.suppress('acc_own', 'sms', '+14155550999', 'manual');
    await expect(service.remove('acc_other', suppression.id)).rejects.toMatchObject({
      code: 'suppression_not_found',
    });
    await service.remove('acc_own', suppression.id);
    expect(await service.isSuppressed('acc_own', 'sms', '+14155550999')).toBe(false);
  });
});

describe('masks and failure reasons', () => {
  it.each([
    ['sms', '+14155550100', '+1415•••0100'],
    ['sms', '+1234567', '+•••4567'],
    ['email', 'ada@example.com', 'a•••@example.com'],
    ['push', `dXx9_device:APA91b${'Z'.repeat(40)}`, 'dXx9_d•••ZZZZ'],
  ] as const)('%s %s is shown as %s', (channel, identifier, masked) => {
    expect(maskIdentifier(channel, identifier)).toBe(masked);
  });

  it.each([
    ['email', 'invalid_recipient', 'bounce'],
    ['push', 'push_token_unregistered', 'unregistered'],
    ['push', 'invalid_recipient', 'unregistered'],
    ['sms', 'recipient_unsubscribed', 'opt_out'],
    ['sms', 'invalid_recipient', null],
    ['email', 'provider_rejected', null],
    ['push', 'provider_unavailable', null],
  ] as const)('a %s failing with %s suppresses with %s', (channel, code, reason) => {
    expect(suppressionReasonFor(channel, code)).toBe(reason);
  });
});
