import { DEFAULT_HELP_TEXT, systemActor } from '@herald/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestAccount, validSms } from '../testing/api.harness.js';
import { postAsTwilio } from '../testing/twilio-client.js';
import { useApiHarness } from '../testing/use-api-harness.js';

const TOKEN = 'inbound-auth-token-0123456789abcdef';
const NUMBER = '+15005550006';
const USER = '+14155550177';
let sids = 0;
const nextSid = () => `SM${String(++sids).padStart(32, '0')}`;

/** Inbound SMS through Twilio's webhook: routed by number, stored, and acted on when a keyword. */
describe('POST /v1/providers/twilio/inbound', () => {
  const h = useApiHarness({ twilioAuthTokens: [TOKEN] });
  let account: TestAccount;
  beforeAll(async () => {
    account = await h.newAccount('Inbound');
    await h.assignNumber(account, NUMBER);
  });

  const text = (body: string, options: { from?: string; to?: string; sid?: string } = {}) =>
    postAsTwilio(
      h.http,
      '/v1/providers/twilio/inbound',
      {
        MessageSid: options.sid ?? nextSid(),
        AccountSid: `AC${'2'.repeat(32)}`,
        From: options.from ?? USER,
        To: options.to ?? NUMBER,
        Body: body,
        NumMedia: '0',
      },
      { authToken: TOKEN },
    );
  const inbound = async () =>
    (await h.http.get('/v1/messages').set(account.auth).expect(200)).body.data.filter(
      (m: { direction: string }) => m.direction === 'inbound',
    );

  it('when an end user texts a number, then 200 empty TwiML and an inbound message, received, in the list', async () => {
    const res = await text('Is my order ready?').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    expect(res.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    const [message] = await inbound();
    expect(message).toMatchObject({
      direction: 'inbound',
      channel: 'sms',
      status: 'received',
      to: NUMBER,
      from: USER,
      provider: 'twilio',
      content_stored: true,
    });
    const events = await h.http
      .get(`/v1/messages/${message.id}/events`)
      .set(account.auth)
      .expect(200);
    expect(events.body.data.map((e: { status: string }) => e.status)).toEqual(['received']);
  });

  it('the body is stored only as ciphertext in the content store, and never logged', async () => {
    const body = 'Secret-Pangolin-4471 reply';
    await text(body).expect(200);
    const rows = await h.t.stores.content.selectFrom('message_contents').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.ciphertext.includes(Buffer.from('Pangolin'))).toBe(false);
    const logs = h.logs.join('\n');
    expect(logs).not.toContain('Pangolin');
    expect(logs).not.toContain(USER);
  });

  it('when Twilio retries the same webhook, then the message is stored once', async () => {
    const before = (await inbound()).length;
    const sid = nextSid();
    await text('once', { sid }).expect(200);
    await text('once', { sid }).expect(200);
    expect((await inbound()).length).toBe(before + 1);
  });

  it('when HELP arrives, then TwiML answers with the default help text, then with the account’s own', async () => {
    const first = await text(' help ').expect(200);
    expect(first.text).toContain(
      `<Message>${DEFAULT_HELP_TEXT.replaceAll('&', '&amp;')}</Message>`,
    );
    await h.built.deps.services.accounts.updateSettings(
      account.id,
      { helpText: 'Acme <support@acme.test> & 555-0100' },
      systemActor,
    );
    const second = await text('HELP').expect(200);
    expect(second.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Acme &lt;support@acme.test&gt; &amp; 555-0100</Message></Response>',
    );
  });

  it.each([
    ['STOP', 'START'],
    ['stopall', 'yes'],
    ['Unsubscribe', 'Unstop'],
    ['CANCEL', 'START'],
    ['end', 'YES'],
    ['QUIT', 'unstop'],
  ])(
    'when %s arrives, then the sender is suppressed (opt_out) until %s',
    async (keyword, optIn) => {
      const from = `+1415555${String(Math.floor(Math.random() * 9000) + 1000)}`;
      await text(keyword, { from }).expect(200);
      const refused = await h.http
        .post('/v1/messages')
        .set(account.auth)
        .send({ ...validSms, to: from })
        .expect(422);
      expect(refused.body).toMatchObject({ code: 'recipient_suppressed', param: 'to' });
      const listed = await h.http
        .get('/v1/suppressions')
        .query({ channel: 'sms', identifier: from })
        .set(account.auth)
        .expect(200);
      expect(listed.body.data).toEqual([expect.objectContaining({ reason: 'opt_out' })]);
      await text(optIn, { from }).expect(200);
      await h.http
        .post('/v1/messages')
        .set(account.auth)
        .send({ ...validSms, to: from })
        .expect(202);
    },
  );

  it('STOP only suppresses in the account that owns the number', async () => {
    const other = await h.newAccount('Other');
    await text('STOP', { from: '+14155550188' }).expect(200);
    await h.http
      .post('/v1/messages')
      .set(other.auth)
      .send({ ...validSms, to: '+14155550188' })
      .expect(202);
  });

  it('when an organisation has only claimed the number (not verified), then its inbound SMS do not reach it', async () => {
    const claimant = await h.newAccount('Claimant');
    const claimed = await h.http
      .post('/v1/phone-numbers')
      .set(claimant.auth)
      .send({ number: '+15005550041' })
      .expect(201);
    expect(claimed.body.status).toBe('pending_verification');
    const before = await h.footprint();
    const res = await text('Is this the bank?', { to: '+15005550041' }).expect(200);
    expect(res.text).toContain('<Response/>');
    expect(await h.footprint()).toEqual(before);
    const list = await h.http.get('/v1/messages').set(claimant.auth).expect(200);
    expect(list.body.data).toEqual([]);
  });

  it('when the number belongs to no organisation, then 200 empty TwiML, nothing stored, and the log names it only by fingerprint', async () => {
    const before = (await h.footprint()).messages;
    const res = await text('STOP', { to: '+15005559999' }).expect(200);
    expect(res.text).toContain('<Response/>');
    expect((await h.footprint()).messages).toBe(before);
    const line = h.logs.find((l) => l.includes('no organisation owns'));
    expect(line).toMatch(/"numberFingerprint":"[0-9a-f]{16}"/);
    expect(h.logs.join('\n')).not.toContain('5005559999');
  });

  it('when the signature is missing or wrong, then 400 or 403 and nothing is stored or suppressed', async () => {
    const before = await h.footprint();
    const form = { MessageSid: nextSid(), From: USER, To: NUMBER, Body: 'STOP' };
    const missing = await postAsTwilio(h.http, '/v1/providers/twilio/inbound', form, {
      authToken: TOKEN,
      signature: null,
    }).expect(400);
    expect(missing.body.code).toBe('twilio_signature_missing');
    const wrong = await postAsTwilio(h.http, '/v1/providers/twilio/inbound', form, {
      authToken: 'another-token-0123456789',
    }).expect(403);
    expect(wrong.body.code).toBe('twilio_signature_invalid');
    expect(await h.footprint()).toEqual(before);
    await h.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ ...validSms, to: USER })
      .expect(202);
  });

  it('when a signed form lacks From, then 422 missing_field', async () => {
    const res = await postAsTwilio(
      h.http,
      '/v1/providers/twilio/inbound',
      { MessageSid: nextSid(), To: NUMBER, Body: 'hi' },
      { authToken: TOKEN },
    ).expect(422);
    expect(res.body).toMatchObject({ code: 'missing_field', param: 'From' });
  });
});
