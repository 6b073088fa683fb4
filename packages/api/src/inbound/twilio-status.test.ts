import { ContentVault, DeliveryService, systemClock } from '@herald/core';
import { testIdentifiers } from '@herald/devkit/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type TestAccount, validSms } from '../testing/api.harness.js';
import { postAsTwilio } from '../testing/twilio-client.js';
import { useApiHarness } from '../testing/use-api-harness.js';

const TOKEN = 'primary-auth-token-0123456789abcdef';
const BACKUP_TOKEN = 'backup-auth-token-0123456789abcdef';
const SID = `SM${'a'.repeat(32)}`;

/**
 * Twilio's delivery receipts, signed by the real `twilio` package: only correctly signed ones
 * count, replays change nothing, and a status never moves backwards.
 */
describe('POST /v1/providers/twilio/status', () => {
  const h = useApiHarness({ twilioAuthTokens: [TOKEN, BACKUP_TOKEN] });
  let account: TestAccount;
  let delivery: DeliveryService;
  beforeAll(async () => {
    account = await h.newAccount('Receipts');
    delivery = new DeliveryService({
      usage: h.t.stores.usage,
      vault: new ContentVault({ content: h.t.stores.content, masterKey: h.masterKey }),
      identifiers: testIdentifiers(h.t.stores, h.masterKey),
      clock: systemClock,
    });
  });

  /** A message the worker has claimed and, unless `sent: false`, handed to Twilio. */
  const sentMessage = async (options: { sent?: boolean; sid?: string } = {}) => {
    const res = await h.http.post('/v1/messages').set(account.auth).send(validSms).expect(202);
    await delivery.claim(res.body.id);
    if (options.sent !== false)
      await delivery.markSent(res.body.id, {
        provider: 'twilio',
        providerMessageId: options.sid ?? SID,
        sender: '+15005550006',
      });
    return res.body.id as string;
  };
  const receipt = (
    id: string | null,
    form: Record<string, string>,
    options: { authToken?: string; signature?: string | null; signedUrl?: string } = {},
  ) =>
    postAsTwilio(
      h.http,
      `/v1/providers/twilio/status${id ? `?message_id=${id}` : ''}`,
      { MessageSid: SID, AccountSid: `AC${'1'.repeat(32)}`, ...form },
      { authToken: TOKEN, ...options },
    );
  const message = async (id: string) =>
    (await h.http.get(`/v1/messages/${id}`).set(account.auth).expect(200)).body;
  const statuses = async (id: string) =>
    (await h.http.get(`/v1/messages/${id}/events`).set(account.auth)).body.data.map(
      (e: { status: string }) => e.status,
    );

  it('when the signature is missing, then 400 twilio_signature_missing and nothing changes', async () => {
    const id = await sentMessage();
    const res = await receipt(id, { MessageStatus: 'delivered' }, { signature: null }).expect(400);
    expect(res.body.code).toBe('twilio_signature_missing');
    expect((await message(id)).status).toBe('sent');
  });

  it.each([
    ['another auth token', { authToken: 'not-the-token-0123456789' }],
    [
      'another URL (the query changed)',
      { signedUrl: 'http://localhost:3000/v1/providers/twilio/status?message_id=msg_other' },
    ],
    ['garbage', { signature: 'bm90IGEgc2lnbmF0dXJl' }],
  ])(
    'when it is signed with %s, then 403 twilio_signature_invalid and nothing changes',
    async (_, options) => {
      const id = await sentMessage();
      const res = await receipt(id, { MessageStatus: 'delivered' }, options).expect(403);
      expect(res.body.code).toBe('twilio_signature_invalid');
      expect((await message(id)).status).toBe('sent');
    },
  );

  it('when a valid receipt says delivered, then 204 and the message is delivered, with its event', async () => {
    const id = await sentMessage();
    await receipt(id, { MessageStatus: 'delivered' }).expect(204);
    expect(await message(id)).toMatchObject({ status: 'delivered', error_code: null });
    expect(await statuses(id)).toEqual(['queued', 'sending', 'sent', 'delivered']);
  });

  it('when the backup Twilio account signs, then it is accepted too', async () => {
    const id = await sentMessage();
    await receipt(id, { MessageStatus: 'delivered' }, { authToken: BACKUP_TOKEN }).expect(204);
    expect((await message(id)).status).toBe('delivered');
  });

  it('when the same receipt is replayed, or a late sent arrives after delivered, then nothing moves back', async () => {
    const id = await sentMessage();
    await receipt(id, { MessageStatus: 'delivered' }).expect(204);
    await receipt(id, { MessageStatus: 'delivered' }).expect(204);
    await receipt(id, { MessageStatus: 'sent' }).expect(204);
    await receipt(id, { MessageStatus: 'undelivered', ErrorCode: '30003' }).expect(204);
    expect(await message(id)).toMatchObject({ status: 'delivered', error_code: null });
    expect(await statuses(id)).toEqual(['queued', 'sending', 'sent', 'delivered']);
  });

  it('when the receipt overtakes the worker recording the send, then it still lands and the SID is kept', async () => {
    const id = await sentMessage({ sent: false });
    await receipt(id, { MessageStatus: 'sent' }).expect(204);
    await receipt(id, { MessageStatus: 'delivered' }).expect(204);
    await delivery.markSent(id, { provider: 'twilio', providerMessageId: SID, sender: null });
    expect(await message(id)).toMatchObject({
      status: 'delivered',
      provider: 'twilio',
      provider_message_id: SID,
    });
    expect(await statuses(id)).toEqual(['queued', 'sending', 'sent', 'delivered']);
  });

  it.each([
    ['undelivered', '30003', 'recipient_unreachable'],
    ['undelivered', '30005', 'invalid_recipient'],
    ['undelivered', '30006', 'invalid_recipient'],
    ['undelivered', '30007', 'carrier_filtered'],
    ['failed', '30008', 'delivery_failed'],
  ])(
    'when Twilio reports %s with ErrorCode %s, then the message says %s and keeps Twilio’s code',
    async (status, code, errorCode) => {
      const id = await sentMessage();
      await receipt(id, { MessageStatus: status, ErrorCode: code }).expect(204);
      expect(await message(id)).toMatchObject({
        status,
        error_code: errorCode,
        provider_error_code: code,
      });
    },
  );

  it('when the URL names no message id, then the message is found by its Twilio SID', async () => {
    const sid = `SM${'b'.repeat(32)}`;
    const id = await sentMessage({ sid });
    await receipt(null, { MessageStatus: 'delivered', MessageSid: sid }).expect(204);
    expect((await message(id)).status).toBe('delivered');
  });

  it('when the message is unknown, then 204 (Twilio must not retry) and the log names the id', async () => {
    const unknown = 'msg_01JZZZZZZZZZZZZZZZZZZZZZZZ';
    await receipt(unknown, { MessageStatus: 'delivered' }).expect(204);
    expect(h.logs.join('\n')).toContain(unknown);
    await receipt(null, { MessageStatus: 'delivered', MessageSid: `SM${'c'.repeat(32)}` }).expect(
      204,
    );
  });

  it('when a correctly signed form lacks MessageStatus, then 422; when it is JSON, then 415', async () => {
    const id = await sentMessage();
    const res = await postAsTwilio(
      h.http,
      `/v1/providers/twilio/status?message_id=${id}`,
      { MessageSid: SID },
      { authToken: TOKEN },
    ).expect(422);
    expect(res.body).toMatchObject({ code: 'missing_field', param: 'MessageStatus' });
    const json = await h.http
      .post(`/v1/providers/twilio/status?message_id=${id}`)
      .send({ MessageSid: SID, MessageStatus: 'delivered' })
      .expect(415);
    expect(json.body.code).toBe('unsupported_media_type');
  });

  it('when the API has no Twilio token configured, then every receipt is refused', async () => {
    const bare = await startApiHarness();
    try {
      const res = await postAsTwilio(
        bare.http,
        '/v1/providers/twilio/status',
        { MessageSid: SID, MessageStatus: 'delivered' },
        { authToken: TOKEN },
      ).expect(403);
      expect(res.body.code).toBe('twilio_signature_invalid');
    } finally {
      await bare.close();
    }
  });
});
