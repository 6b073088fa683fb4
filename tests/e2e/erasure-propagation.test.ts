import { createPublicKey, verify } from 'node:crypto';
import type { TestAccount } from '@herald/api/testing';
import { eventually } from '@herald/devkit/testing';
import type { components } from '@herald/openapi';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEV_FROM,
  type Platform,
  startPlatform,
  waitForStatus,
} from '../support/platform.harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

type Receipt = components['schemas']['ErasureReceipt'];

const PHONE = '+14155550142';
const EMAIL = 'lovelace.propagated@example.org';
const RESTRICTED = '+14155550143';

/**
 * Issue 17, item 2: an erasure travels. The end user's messages are deleted at Twilio through
 * the real `twilio` client's Message DELETE (the local server records each deletion, and one it
 * refuses at first with 20009 is tried again), the organisation's endpoint gets a signed
 * `subject.erased` naming them by keyed hash only, and the signed receipt lists who was told
 * what, and why SMTP could not be. Restricting and lifting are told the same way.
 */
describe('an erasure travels to the provider and the organisation', () => {
  let p: Platform;
  let account: TestAccount;
  let endpoint: WebhookReceiver;
  const sids: string[] = [];
  let sms: Receipt;
  let email: Receipt;

  beforeAll(async () => {
    p = await startPlatform({
      callbacks: true,
      webhooks: {},
      privacy: { providerErasureRetryMs: 300 },
    });
    account = await p.api.newAccount('Propagation');
    endpoint = await startWebhookReceiver();
    await p.api.http
      .post('/v1/webhook-endpoints')
      .set(account.auth)
      .send({
        url: endpoint.url,
        event_types: ['subject.erased', 'subject.restricted', 'subject.restriction_lifted'],
      })
      .expect(201);
    await p.api.assignNumber(account, DEV_FROM);

    for (let i = 0; i < 3; i++) {
      const res = await p.api.http
        .post('/v1/messages')
        .set(account.auth)
        .send({ channel: 'sms', to: PHONE, body: `Your code is ${4711 + i}` })
        .expect(202);
      await waitForStatus(p, account.auth, res.body.id, 'delivered');
    }
    const answer = await p.sinks.twilio.sendInbound({ from: PHONE, to: DEV_FROM, body: 'thanks' });
    expect(answer.status).toBe(200);
    sids.push(
      ...p.sinks.twilio.received.filter((m) => m.to === PHONE).map((m) => m.sid),
      p.sinks.twilio.callbacks.find((post) => post.status === 'received')!.sid,
    );
    const mail = await p.api.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ channel: 'email', to: EMAIL, subject: 'Hello', text: 'Hello there' })
      .expect(202);
    await waitForStatus(p, account.auth, mail.body.id, 'sent');

    // Twilio refuses to delete a message it has not finished with: the first try is refused.
    p.sinks.twilio.failNext({ count: 1, status: 409, code: 20009 });
    sms = (
      await p.api.http
        .post('/v1/subjects/erasures')
        .set(account.auth)
        .send({ identifier: PHONE })
        .expect(200)
    ).body;
    email = (
      await p.api.http
        .post('/v1/subjects/erasures')
        .set(account.auth)
        .send({ identifier: EMAIL })
        .expect(200)
    ).body;
  }, 120_000);

  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await endpoint.close();
    await p.close();
  });

  it('deletes each message at Twilio, sent and received, retrying one it refused at first', async () => {
    expect(sids).toHaveLength(4);
    await eventually(() => p.sinks.twilio.deletions.length === 4, {
      timeoutMs: 20_000,
      what: 'four deletions at the local Twilio server',
    });
    expect(p.sinks.twilio.deletions.map((d) => d.sid).sort()).toEqual([...sids].sort());
    const receipt = await p.api.http
      .get(`/v1/subjects/erasures/${sms.id}`)
      .set(account.auth)
      .expect(200);
    expect(receipt.body.provider_deletions).toEqual({ pending: 0, deleted: 4, gone: 0, failed: 0 });
    // Five calls for four messages: the one refused was tried again.
    const { rows } = await sql<{ attempts: string }>`
      select sum(attempts) as attempts from provider_erasures where erasure_id = ${sms.id}`.execute(
      p.api.t.stores.usage,
    );
    expect(Number(rows[0]!.attempts)).toBe(5);
    // The real client finds them gone, as it would at Twilio.
    const lookup = await fetch(
      `${p.sinks.twilio.url}/2010-04-01/Accounts/${p.sinks.twilio.accountSid}/Messages/${sids[0]}.json`,
      {
        headers: {
          authorization: `Basic ${Buffer.from(`${p.sinks.twilio.accountSid}:${p.sinks.twilio.authToken}`).toString('base64')}`,
        },
      },
    );
    expect(lookup.status).toBe(404);
  });

  it('signs a receipt that lists who was told what, and why SMTP could not be', async () => {
    expect(sms.propagation).toEqual([
      { to: 'twilio', count: 4, outcome: 'deletion_requested', reason: null },
      { to: 'webhook_endpoints', count: 1, outcome: 'notified', reason: null },
    ]);
    expect(email.propagation).toEqual([
      { to: 'smtp', count: 1, outcome: 'not_possible', reason: expect.stringMatching(/SMTP/) },
      { to: 'webhook_endpoints', count: 1, outcome: 'notified', reason: null },
    ]);
    expect(email.provider_deletions).toEqual({ pending: 0, deleted: 0, gone: 0, failed: 0 });
    const key = (await p.api.http.get('/v1/privacy/receipt-key').expect(200)).body.public_key;
    for (const receipt of [sms, email]) {
      const signed = JSON.parse(receipt.signed_payload);
      expect(signed).toMatchObject({ version: 2, propagation: receipt.propagation });
      expect(
        verify(
          null,
          Buffer.from(receipt.signed_payload, 'utf8'),
          createPublicKey(key),
          Buffer.from(receipt.signature, 'base64'),
        ),
      ).toBe(true);
    }
  });

  it('tells the organisation with subject.erased, by keyed hash and counts, never the identifier', async () => {
    await eventually(
      () => endpoint.events().filter((e) => e.type === 'subject.erased').length === 2,
    );
    const erased = endpoint.events().filter((e) => e.type === 'subject.erased');
    expect(erased.map((e) => e.data.subject)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          channel: 'sms',
          identifier_hash: sms.identifier_hash,
          erasure_id: sms.id,
          counts: expect.objectContaining({
            'usage.messages_sent': 3,
            'usage.messages_received': 1,
          }),
        }),
        expect.objectContaining({ channel: 'email', erasure_id: email.id }),
      ]),
    );
    for (const request of endpoint.received) {
      expect(request.body).not.toContain(PHONE);
      expect(request.body).not.toContain(PHONE.slice(1));
      expect(request.body).not.toContain(EMAIL);
      expect(request.headers['webhook-signature']).toMatch(/^v1,/);
    }
  });

  it('tells the organisation when an end user is restricted and when that is lifted', async () => {
    const restricted = await p.api.http
      .post('/v1/subjects/restrictions')
      .set(account.auth)
      .send({ identifier: RESTRICTED })
      .expect(201);
    await p.api.http
      .delete(`/v1/subjects/restrictions/${restricted.body.id}`)
      .set(account.auth)
      .expect(204);
    await eventually(() => endpoint.events().some((e) => e.type === 'subject.restriction_lifted'));
    const told = endpoint.events().filter((e) => e.type.startsWith('subject.restrict'));
    expect(told.map((e) => [e.type, e.data.subject?.restriction_id])).toEqual([
      ['subject.restricted', restricted.body.id],
      ['subject.restriction_lifted', restricted.body.id],
    ]);
    expect(told[0]!.data.subject).toEqual({
      channel: 'sms',
      identifier_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      restriction_id: restricted.body.id,
    });
    for (const request of endpoint.received) expect(request.body).not.toContain(RESTRICTED);
  });
});
