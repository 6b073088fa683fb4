import type { TestAccount } from '@herald/api/testing';
import { dumpDatabase, dumpRedis, encodingsOf } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';

/**
 * One message removed (issue 16), through the API and Twilio's DELETE, with real workers and
 * the local Twilio server: a finished message loses its content and its recipient in every
 * store, its row stays for billing, and one that may still go out is not removed.
 */
describe('removing one message', () => {
  let p: Platform;
  let account: TestAccount;
  let twilio: { sid: string; secret: string };
  beforeAll(async () => {
    p = await startPlatform({ callbacks: true });
    account = await p.api.newAccount('Remover');
    const key = await p.api.http.post('/v1/api-keys').set(account.auth).send({ name: 't' });
    twilio = { sid: key.body.twilio_account_sid, secret: key.body.secret };
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await p.close();
  });
  const sms = async (to: string, body: string) => {
    const res = await p.api.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ channel: 'sms', to, body, metadata: { order: 'A-1' } })
      .expect(202);
    await waitForStatus(p, account.auth, res.body.id, 'delivered');
    return res.body.id as string;
  };
  const dumps = async () =>
    [
      await dumpDatabase(p.api.t.urls.content),
      await dumpDatabase(p.api.t.urls.usage),
      await dumpRedis(p.api.redisUrl, p.api.queuePrefix),
    ].join('\n');

  it('DELETE /v1/messages/{id}: its content, recipient and metadata leave every store; the row stays; asking again removes nothing', async () => {
    const kept = await sms('+14155550161', 'Removal-Kept-Tapir');
    const id = await sms('+14155550160', 'Removal-Secret-Quokka');
    const removed = await p.api.http.delete(`/v1/messages/${id}`).set(account.auth).expect(200);
    expect(removed.body).toMatchObject({
      object: 'message_removal',
      message_id: id,
      content_removed: true,
      identifier_removed: true,
    });
    const message = (await p.api.http.get(`/v1/messages/${id}`).set(account.auth).expect(200)).body;
    expect(message).toMatchObject({ id, status: 'delivered', metadata: {}, segments: 1 });
    expect(message.to).toMatch(/^erased:/);
    const content = await p.api.http.get(`/v1/messages/${id}/content`).set(account.auth);
    expect(content.status).not.toBe(200);

    const everything = await dumps();
    for (const needle of ['Removal-Secret-Quokka', '+14155550160', '4155550160'].flatMap(
      encodingsOf,
    ))
      expect(everything).not.toContain(needle);
    // The message beside it is untouched: its recipient still reads (it is sealed at rest).
    const keptMessage = await p.api.http.get(`/v1/messages/${kept}`).set(account.auth).expect(200);
    expect(keptMessage.body.to).toBe('+14155550161');
    expect(everything).not.toContain('+14155550161');
    await p.api.http.get(`/v1/messages/${kept}/content`).set(account.auth).expect(200);

    const again = await p.api.http.delete(`/v1/messages/${id}`).set(account.auth).expect(200);
    expect(again.body).toMatchObject({ content_removed: false, identifier_removed: false });
  });

  it('a message that may still go out is refused with 409 message_not_finished, and nothing changes', async () => {
    const scheduled = await p.api.http
      .post('/v1/messages')
      .set(account.auth)
      .send({
        channel: 'sms',
        to: '+14155550162',
        body: 'Later',
        send_at: new Date(Date.now() + 3_600_000).toISOString(),
      })
      .expect(202);
    const res = await p.api.http
      .delete(`/v1/messages/${scheduled.body.id}`)
      .set(account.auth)
      .expect(409);
    expect(res.body).toMatchObject({ code: 'message_not_finished', param: 'id' });
    expect(res.body.detail).toContain('scheduled');
    await p.api.http.get(`/v1/messages/${scheduled.body.id}/content`).set(account.auth).expect(200);
    const other = await p.api.newAccount('Other');
    await p.api.http.delete(`/v1/messages/${scheduled.body.id}`).set(other.auth).expect(404);
  });

  it('Twilio’s DELETE removes a finished message the same way and still cancels one not gone out', async () => {
    const url = (sid: string) => `/2010-04-01/Accounts/${twilio.sid}/Messages/${sid}.json`;
    const sent = await p.api.http
      .post(`/2010-04-01/Accounts/${twilio.sid}/Messages.json`)
      .auth(twilio.sid, twilio.secret)
      .type('form')
      .send({ To: '+14155550163', Body: 'Twilio-Removal-Wombat' })
      .expect(201);
    const id = (
      await p.api.http.get('/v1/messages?to=%2B14155550163').set(account.auth).expect(200)
    ).body.data[0].id;
    await waitForStatus(p, account.auth, id, 'delivered');
    await p.api.http.delete(url(sent.body.sid)).auth(twilio.sid, twilio.secret).expect(204);
    const read = await p.api.http.get(url(sent.body.sid)).auth(twilio.sid, twilio.secret);
    expect(read.body).toMatchObject({ body: '', status: 'delivered' });
    expect(read.body.to).not.toBe('+14155550163');
    for (const needle of ['Twilio-Removal-Wombat', '+14155550163'].flatMap(encodingsOf))
      expect(await dumps()).not.toContain(needle);

    const later = await p.api.http
      .post(`/2010-04-01/Accounts/${twilio.sid}/Messages.json`)
      .auth(twilio.sid, twilio.secret)
      .type('form')
      .send({
        To: '+14155550164',
        Body: 'Scheduled',
        SendAt: new Date(Date.now() + 3_600_000).toISOString(),
        ScheduleType: 'fixed',
      })
      .expect(201);
    await p.api.http.delete(url(later.body.sid)).auth(twilio.sid, twilio.secret).expect(204);
    const canceled = await p.api.http.get(url(later.body.sid)).auth(twilio.sid, twilio.secret);
    expect(canceled.body.status).toBe('canceled');
  });

  it('the audit log says who removed which message, and what went', async () => {
    const audit = await p.api.t.stores.account
      .selectFrom('audit_events')
      .select(['actor_type', 'target_id', 'details'])
      .where('account_id', '=', account.id)
      .where('action', '=', 'message.removed')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
    expect(audit[0]).toMatchObject({
      actor_type: 'api_key',
      details: { content: true, identifier: true },
    });
  });
});
