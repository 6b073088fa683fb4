import { type TestAccount, useApiHarness } from '@herald/api/testing';
import { AuthenticationError, Herald, NotFoundError, type Suppression } from '@herald/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf, sdkClient } from './support.js';

/** Every account-level resource of the SDK against the real API, over real HTTP. */
describe('SDK: suppressions, phone numbers, webhook endpoints, API keys, account', () => {
  const h = useApiHarness({ listen: true, webhooks: { allowHttpLoopback: true } });
  let herald: Herald;
  let account: TestAccount;
  beforeAll(async () => {
    ({ herald, account } = await sdkClient(h, 'SDK resources'));
  });

  it('suppressions: create, find one, iterate all, delete', async () => {
    const created: Suppression[] = [];
    for (const n of [0, 1, 2])
      created.push(
        await herald.suppressions.create({ channel: 'sms', identifier: `+1415555017${n}` }),
      );
    expect(created[0]).toMatchObject({ object: 'suppression', reason: 'manual' });
    const one = await herald.suppressions.list({ channel: 'sms', identifier: '+14155550171' });
    expect(one.data.map((s) => s.id)).toEqual([created[1]!.id]);
    const all: string[] = [];
    for await (const s of herald.suppressions.list({ limit: 1 })) all.push(s.id);
    expect(all).toEqual(created.map((s) => s.id).reverse());
    await herald.suppressions.delete(created[0]!.id);
    expect((await herald.suppressions.list()).data).toHaveLength(2);
  });

  it('phone numbers: claim, verify with the texted code, list, delete', async () => {
    const number = await herald.phoneNumbers.create({ number: '+15005550180' });
    expect(number.status).toBe('pending_verification');
    const code = /\b(\d{6})\b/.exec((await h.systemTexts()).at(-1)!.body)![1]!;
    const wrong = await rejectionOf(
      herald.phoneNumbers.verify(number.id, { code: code === '000000' ? '000001' : '000000' }),
    );
    expect(wrong).toMatchObject({ code: 'verification_code_invalid', status: 422, param: 'code' });
    expect(await herald.phoneNumbers.verify(number.id, { code })).toMatchObject({
      id: number.id,
      status: 'verified',
    });
    expect((await herald.phoneNumbers.list()).data.map((n) => n.number)).toEqual(['+15005550180']);
    await herald.phoneNumbers.delete(number.id);
    expect((await herald.phoneNumbers.list()).data).toEqual([]);
  });

  it('webhook endpoints: create (secret once), get, update, rotate, attempts, delete', async () => {
    const created = await herald.webhookEndpoints.create({
      url: 'http://127.0.0.1:9/hooks',
      event_types: ['message.delivered'],
      description: 'orders',
    });
    expect(created.secret).toMatch(/^whsec_/);
    expect(await herald.webhookEndpoints.get(created.id)).not.toHaveProperty('secret');
    const updated = await herald.webhookEndpoints.update(created.id, { disabled: true });
    expect(updated).toMatchObject({ disabled: true, description: 'orders' });
    const rotated = await herald.webhookEndpoints.rotateSecret(created.id);
    expect(rotated.secret).not.toBe(created.secret);
    expect((await herald.webhookEndpoints.list()).data.map((e) => e.id)).toEqual([created.id]);
    const attempts = await herald.webhookEndpoints.attempts(created.id);
    expect(attempts).toMatchObject({ data: [], has_more: false });
    const redeliver = await rejectionOf(
      herald.webhookEndpoints.redeliver(created.id, { event_id: 'evt_nothing' }),
    );
    expect(redeliver).toMatchObject({ code: 'webhook_event_not_found' });
    await herald.webhookEndpoints.delete(created.id);
    expect(await rejectionOf(herald.webhookEndpoints.get(created.id))).toBeInstanceOf(
      NotFoundError,
    );
  });

  it('API keys: create (secret once, with its Twilio SID), list, revoke — then the key is refused', async () => {
    const key = await herald.apiKeys.create({ name: 'ci', scope: 'send_only', mode: 'test' });
    expect(key.secret).toMatch(/^hk_test_/);
    expect(key.twilio_account_sid).toMatch(/^AC[0-9a-f]{32}$/);
    expect((await herald.apiKeys.list()).data.map((k) => k.name)).toContain('ci');
    const other = new Herald({ apiKey: key.secret, baseUrl: h.url! });
    await other.messages.send({ channel: 'sms', to: '+14155550181', body: 'still works' });
    await herald.apiKeys.revoke(key.id);
    const refused = await rejectionOf(
      other.messages.send({ channel: 'sms', to: '+14155550181', body: 'refused' }),
    );
    expect(refused).toBeInstanceOf(AuthenticationError);
    expect(refused).toMatchObject({ code: 'api_key_revoked', status: 401 });
  });

  it('account: the organisation and its signing secret', async () => {
    expect(await herald.account.get()).toMatchObject({ object: 'account', name: 'SDK resources' });
    expect((await herald.account.signingSecret()).secret).toMatch(/^whsec_/);
    await h.allowDomain(account, 'sdk.example');
    expect((await herald.account.senderDomains()).data).toEqual([
      expect.objectContaining({ object: 'sender_domain', domain: 'sdk.example' }),
    ]);
  });
});
