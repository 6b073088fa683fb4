import { beforeAll, describe, expect, it } from 'vitest';
import { type TestAccount, validEmail, validSms } from '../testing/api.harness.js';
import { twilioCredentials } from '../testing/twilio-client.js';
import { useApiHarness } from '../testing/use-api-harness.js';

/** An SMS is limited, counted and shown by the segments carriers bill, on every send route. */
describe('SMS segments', () => {
  const h = useApiHarness();
  let account: TestAccount;
  let basic: string;
  let twilioPath: string;
  beforeAll(async () => {
    account = await h.newAccount('Segments');
    ({ basic, messagesPath: twilioPath } = await twilioCredentials(h.http, account.auth));
  });

  const send = (body: string) =>
    h.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ ...validSms, body });

  it('when an SMS is accepted, then the message says how many segments it is sent as, and keeps saying it', async () => {
    const cases: Array<[string, number]> = [
      ['Your code is 123456', 1],
      ['x'.repeat(161), 2],
      ['😀'.repeat(35), 1],
      ['😀'.repeat(36), 2],
      [`${'a'.repeat(100)}ł`, 2],
    ];
    for (const [body, segments] of cases) {
      const res = await send(body).expect(202);
      expect(res.body.segments).toBe(segments);
      const read = await h.http.get(`/v1/messages/${res.body.id}`).set(account.auth).expect(200);
      expect(read.body.segments).toBe(segments);
    }
    const email = await h.http.post('/v1/messages').set(account.auth).send(validEmail).expect(202);
    expect(email.body.segments).toBeNull();
  });

  it('when a body of 1,600 emoji is sent, then 422 body_too_long names `body` and the count, and nothing is written', async () => {
    const before = await h.footprint();
    const res = await send('😀'.repeat(1600)).expect(422);
    expect(res.body).toMatchObject({ code: 'body_too_long', param: 'body' });
    expect(res.body.detail).toMatch(/49 segments of UCS-2 \(67 UTF-16 units each\)/);
    expect(res.body.detail).toMatch(/at most 11/);
    expect(await h.footprint()).toEqual(before);
  });

  it('when a batch has one over-long SMS, then only that one is refused, with its count', async () => {
    const res = await h.http
      .post('/v1/messages/batch')
      .set(account.auth)
      .send({ messages: [validSms, { ...validSms, body: 'ł'.repeat(11 * 67 + 1) }] })
      .expect(200);
    expect(res.body.data[0].message.segments).toBe(1);
    expect(res.body.data[1].error).toMatchObject({ code: 'body_too_long', param: 'body' });
    expect(res.body.data[1].error.detail).toMatch(/12 segments of UCS-2/);
  });

  it('the Twilio-compatible route applies the same limit (21617, with the count) and answers num_segments', async () => {
    const long = await h.http
      .post(twilioPath)
      .set('Authorization', basic)
      .type('form')
      .send({ To: '+14155550100', Body: '😀'.repeat(1600) })
      .expect(400);
    expect(long.body).toMatchObject({ code: 21617 });
    expect(long.body.message).toMatch(/49 segments/);
    const sent = await h.http
      .post(twilioPath)
      .set('Authorization', basic)
      .type('form')
      .send({ To: '+14155550100', Body: 'x'.repeat(1600) })
      .expect(201);
    expect(sent.body.num_segments).toBe('11');
  });
});
