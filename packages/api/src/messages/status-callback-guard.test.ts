import { staticResolver } from '@herald/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestAccount, validSms } from '../testing/api.harness.js';
import { twilioCredentials } from '../testing/twilio-client.js';
import { useApiHarness } from '../testing/use-api-harness.js';

/** Where a status_callback must never point, as webhook endpoints must not. */
const FORBIDDEN = [
  'http://hooks.example/cb',
  'https://127.0.0.1/cb',
  'https://[::1]/cb',
  'https://10.0.0.9/cb',
  'https://169.254.169.254/latest/meta-data/',
  'https://[::ffff:127.0.0.1]/cb',
  'https://0x7f000001/cb',
  'https://user:pw@hooks.example/cb',
  'https://inside.example/cb',
  'https://nowhere.example/cb',
];

/**
 * A message's `status_callback` gets the SSRF guard webhook endpoints get at save, when the
 * message is accepted, on every send route; delivery checks it again (webhooks-isolation).
 */
describe('status_callback at accept', () => {
  const h = useApiHarness({
    webhooks: {
      resolve: staticResolver({
        'hooks.example': ['93.184.216.34'],
        'inside.example': ['93.184.216.34', '10.0.0.5'],
      }),
    },
  });
  let account: TestAccount;
  let basic: string;
  let twilioPath: string;
  beforeAll(async () => {
    account = await h.newAccount('Callbacks');
    ({ basic, messagesPath: twilioPath } = await twilioCredentials(h.http, account.auth));
  });

  it('when a send names an internal, non-https or unresolvable callback, then 422 webhook_url_forbidden names `status_callback`, and nothing is written', async () => {
    const before = await h.footprint();
    for (const url of FORBIDDEN) {
      const res = await h.http
        .post('/v1/messages')
        .set(account.auth)
        .send({ ...validSms, status_callback: url });
      expect([url, res.status, res.body.code, res.body.param]).toEqual([
        url,
        422,
        'webhook_url_forbidden',
        'status_callback',
      ]);
    }
    expect(await h.footprint()).toEqual(before);
  });

  it('when the callback is public https, then the send is accepted with it', async () => {
    const res = await h.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ ...validSms, status_callback: 'https://hooks.example/cb?order=7' })
      .expect(202);
    expect(res.body.status_callback).toBe('https://hooks.example/cb?order=7');
  });

  it('when one message of a batch names an internal callback, then only that one is refused', async () => {
    const res = await h.http
      .post('/v1/messages/batch')
      .set(account.auth)
      .send({
        messages: [
          { ...validSms, status_callback: 'https://hooks.example/cb' },
          { ...validSms, status_callback: 'https://169.254.169.254/' },
        ],
      })
      .expect(200);
    expect(res.body.data[0].message).toBeDefined();
    expect(res.body.data[1].error).toMatchObject({
      code: 'webhook_url_forbidden',
      param: 'status_callback',
    });
  });

  it('the Twilio-compatible route refuses the same StatusCallback URLs (21609), and takes a public one', async () => {
    for (const url of FORBIDDEN) {
      const res = await h.http
        .post(twilioPath)
        .set('Authorization', basic)
        .type('form')
        .send({ To: '+14155550100', Body: 'hi', StatusCallback: url });
      expect([url, res.status, res.body.code]).toEqual([url, 400, 21609]);
    }
    await h.http
      .post(twilioPath)
      .set('Authorization', basic)
      .type('form')
      .send({ To: '+14155550100', Body: 'hi', StatusCallback: 'https://hooks.example/cb' })
      .expect(201);
  });
});
