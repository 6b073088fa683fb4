import { beforeAll, describe, expect, it } from 'vitest';
import { type TestAccount, validEmail, validSms } from '../testing/api.harness.js';
import { useApiHarness } from '../testing/use-api-harness.js';

const OURS = '+15005550020';
const THEIRS = '+15005550021';

/**
 * Every route that takes a sender checks it the same way (ADR 15): a number the organisation
 * holds verified, an address on a domain it may use, parsed once. Refusals write nothing.
 */
describe('senders: an organisation sends only as itself', () => {
  const h = useApiHarness();
  let acme: TestAccount;
  let rival: TestAccount;
  let twilioKey: { sid: string; secret: string };
  beforeAll(async () => {
    acme = await h.newAccount('Acme');
    rival = await h.newAccount('Rival');
    await h.assignNumber(acme, OURS);
    await h.assignNumber(rival, THEIRS);
    await h.allowDomain(acme, 'acme.test');
    const key = await h.http.post('/v1/api-keys').set(acme.auth).send({ name: 'twilio' });
    twilioKey = { sid: key.body.twilio_account_sid, secret: key.body.secret };
  });

  const send = (body: object, who = acme) => h.http.post('/v1/messages').set(who.auth).send(body);
  /** Sends and expects a refusal that left no trace: no row, no content, no job. */
  const refused = async (body: object, code: string, param: string) => {
    const before = await h.footprint();
    const res = await send(body).expect(422);
    expect(res.body).toMatchObject({ code, param });
    expect(await h.footprint()).toEqual(before);
    return res.body as { detail: string };
  };

  describe('SMS from a number', () => {
    it('when the organisation holds the number, then 202 and the message is from it', async () => {
      const res = await send({ ...validSms, from: OURS }).expect(202);
      expect(res.body.from).toBe(OURS);
    });

    it('when another organisation holds the number, then 422 sender_not_owned and nothing is written', async () => {
      await refused({ ...validSms, from: THEIRS }, 'sender_not_owned', 'from');
    });

    it('when the organisation only claimed the number (not verified), then 422 sender_not_owned', async () => {
      await send({ ...validSms, from: OURS }, rival).expect(422);
      await h.http.post('/v1/phone-numbers').set(acme.auth).send({ number: '+15005550022' });
      await refused({ ...validSms, from: '+15005550022' }, 'sender_not_owned', 'from');
    });

    it('when the sender is an alphanumeric id, then 422 sender_not_owned: nothing proves a brand name', async () => {
      const body = await refused({ ...validSms, from: 'PAYPAL' }, 'sender_not_owned', 'from');
      expect(body.detail).toMatch(/alphanumeric/);
    });

    it('when a test-mode key names a number it does not hold, then it is refused too', async () => {
      const key = await h.http
        .post('/v1/api-keys')
        .set(acme.auth)
        .send({ name: 'test', mode: 'test' })
        .expect(201);
      const res = await h.http
        .post('/v1/messages')
        .set('Authorization', `Bearer ${key.body.secret}`)
        .send({ ...validSms, from: THEIRS })
        .expect(422);
      expect(res.body.code).toBe('sender_not_owned');
    });

    it('when a batch names a number it does not hold, then that message is refused and the others are accepted', async () => {
      const res = await h.http
        .post('/v1/messages/batch')
        .set(acme.auth)
        .send({ messages: [{ ...validSms, from: OURS }, { ...validSms, from: THEIRS }, validSms] })
        .expect(200);
      expect(res.body.data[0].message.from).toBe(OURS);
      expect(res.body.data[1].error).toMatchObject({ code: 'sender_not_owned', param: 'from' });
      expect(res.body.data[2].message.status).toBe('queued');
    });

    it('when Twilio-style code sends From a number it does not hold, then Twilio’s 21606; From its own number, 201', async () => {
      const path = `/2010-04-01/Accounts/${twilioKey.sid}/Messages.json`;
      const post = (From: string) =>
        h.http
          .post(path)
          .auth(twilioKey.sid, twilioKey.secret)
          .type('form')
          .send({ To: validSms.to, From, Body: 'Hi' });
      const res = await post(THEIRS).expect(400);
      expect(res.body).toMatchObject({
        code: 21606,
        status: 400,
        more_info: 'https://www.twilio.com/docs/errors/21606',
      });
      expect(JSON.stringify(res.body)).not.toContain(THEIRS);
      expect((await post(OURS).expect(201)).body.from).toBe(OURS);
    });
  });

  describe('email from an address', () => {
    it('the attack string `MARK5 x@evil.example, <a@example.com>` is refused: it is two addresses, not one', async () => {
      await h.allowDomain(acme, 'example.com');
      const body = await refused(
        { ...validEmail, from: 'MARK5 x@evil.example, <a@example.com>' },
        'invalid_sender_address',
        'from',
      );
      expect(body.detail).toContain('2 addresses');
    });

    it.each([
      [
        'a display-name spoof on a domain the organisation may not use',
        'PayPal Security <security@paypal.com>',
        'sender_domain_not_allowed',
      ],
      [
        'an address hidden in the display name',
        '"security@paypal.com" <billing@acme.test>',
        'invalid_sender_address',
      ],
      [
        'another domain shown in the display name',
        'PayPal.com Security <billing@acme.test>',
        'invalid_sender_address',
      ],
      [
        'a right-to-left override in the name',
        'Acme \u202Emoc.lapyap <billing@acme.test>',
        'invalid_sender_address',
      ],
      [
        'an encoded word in the name',
        '=?utf-8?B?c2VjdXJpdHlAcGF5cGFsLmNvbQ==?= <billing@acme.test>',
        'invalid_sender_address',
      ],
      ['stray words after the address', 'billing@acme.test evil', 'invalid_sender_address'],
      ['a comment', 'billing@acme.test (Acme)', 'invalid_sender_address'],
      ['a group', 'Team: billing@acme.test, x@evil.example;', 'invalid_sender_address'],
      ['a subdomain not listed', 'billing@mail.acme.test', 'sender_domain_not_allowed'],
    ])('%s is refused (%s)', async (_name, from, code) => {
      await refused({ ...validEmail, from }, code, 'from');
    });

    it('when the address is on an allowed domain, then 202; the message is from the address alone, the name kept with the content', async () => {
      const res = await send({ ...validEmail, from: 'Acme Billing <Billing@Acme.test>' }).expect(
        202,
      );
      expect(res.body.from).toBe('billing@acme.test');
      const content = await h.http
        .get(`/v1/messages/${res.body.id}/content`)
        .set(acme.auth)
        .expect(200);
      expect(content.body.from_name).toBe('Acme Billing');
    });

    it('reply_to is checked like from: another domain is refused; its own domain is kept, parsed', async () => {
      await refused(
        { ...validEmail, reply_to: 'Support <help@evil.example>' },
        'sender_domain_not_allowed',
        'reply_to',
      );
      await refused(
        { ...validEmail, reply_to: 'a@acme.test, b@acme.test' },
        'invalid_sender_address',
        'reply_to',
      );
      const res = await send({ ...validEmail, reply_to: '"Acme, Help" <help@acme.test>' }).expect(
        202,
      );
      const content = await h.http
        .get(`/v1/messages/${res.body.id}/content`)
        .set(acme.auth)
        .expect(200);
      expect(content.body.reply_to).toEqual({ name: 'Acme, Help', address: 'help@acme.test' });
    });

    it('another organisation cannot send from a domain only this one may use', async () => {
      const res = await send({ ...validEmail, from: 'billing@acme.test' }, rival).expect(422);
      expect(res.body).toMatchObject({ code: 'sender_domain_not_allowed', param: 'from' });
    });

    it('GET /v1/sender-domains lists the organisation’s domains, read-only', async () => {
      const res = await h.http.get('/v1/sender-domains').set(acme.auth).expect(200);
      expect(res.body.data.map((d: { domain: string }) => d.domain)).toEqual([
        'acme.test',
        'example.com',
      ]);
      const theirs = await h.http.get('/v1/sender-domains').set(rival.auth).expect(200);
      expect(theirs.body.data).toEqual([]);
    });
  });

  describe('an email domain’s throughput cap (ADR 28)', () => {
    const domainPath = '/v1/sender-domains/acme.test';

    it('when a domain is read, then it shows its cap (none unless set or defaulted) and an empty backlog', async () => {
      const res = await h.http.get(domainPath).set(acme.auth).expect(200);
      expect(res.body).toMatchObject({
        object: 'sender_domain',
        domain: 'acme.test',
        messages_per_second: null,
        backlog: { messages: 0, clears_at: null },
      });
      // Its Unicode or upper-case form names the same domain.
      await h.http.get('/v1/sender-domains/ACME.test').set(acme.auth).expect(200);
    });

    it('when its cap is set, then the domain says so, the audit log has it, and null puts it back', async () => {
      const set = await h.http
        .patch(domainPath)
        .set(acme.auth)
        .send({ messages_per_second: 14 })
        .expect(200);
      expect(set.body).toMatchObject({ domain: 'acme.test', messages_per_second: 14 });
      const listed = await h.http.get('/v1/sender-domains').set(acme.auth).expect(200);
      expect(listed.body.data[0]).toMatchObject({ domain: 'acme.test', messages_per_second: 14 });
      const reset = await h.http
        .patch(domainPath)
        .set(acme.auth)
        .send({ messages_per_second: null })
        .expect(200);
      expect(reset.body.messages_per_second).toBeNull();
      const audit = await h.t.stores.account
        .selectFrom('audit_events')
        .select('details')
        .where('account_id', '=', acme.id)
        .where('action', '=', 'sender_domain.pacing_changed')
        .execute();
      expect(audit.map((row) => row.details)).toEqual([
        { domain: 'acme.test', messages_per_second: 14 },
        { domain: 'acme.test', messages_per_second: null },
      ]);
    });

    it('when the cap is not a rate, then 422 naming the field, and nothing changes', async () => {
      for (const value of [0, -1, 2_000_000]) {
        const res = await h.http
          .patch(domainPath)
          .set(acme.auth)
          .send({ messages_per_second: value })
          .expect(422);
        expect(res.body).toMatchObject({
          code: 'invalid_throughput',
          param: 'messages_per_second',
        });
      }
      await h.http.patch(domainPath).set(acme.auth).send({}).expect(422);
      const now = await h.http.get(domainPath).set(acme.auth).expect(200);
      expect(now.body.messages_per_second).toBeNull();
    });

    it('when messages wait on the domain’s cap, then its backlog says about how many and when the last goes', async () => {
      await h.http.patch(domainPath).set(acme.auth).send({ messages_per_second: 4 }).expect(200);
      const lane = { lanes: [{ key: 'email:domain:acme.test', perSecond: 4 }], cost: 1 };
      for (let i = 0; i < 20; i++)
        await h.built.deps.services.pacer.reserve(lane, { urgent: false });
      const res = await h.http.get(domainPath).set(acme.auth).expect(200);
      // 20 emails at 4 a second: about 5 s of them.
      expect(res.body.backlog.messages).toBeGreaterThanOrEqual(18);
      expect(res.body.backlog.messages).toBeLessThanOrEqual(20);
      const clears = Date.parse(res.body.backlog.clears_at) - Date.now();
      expect(clears).toBeGreaterThan(4_000);
      expect(clears).toBeLessThan(5_500);
    });

    it('when another organisation, or a domain not on the list, is named, then 404 sender_domain_not_found; a standard key may read but not set', async () => {
      for (const who of [rival, acme]) {
        const path = who === rival ? domainPath : '/v1/sender-domains/elsewhere.test';
        const res = await h.http.get(path).set(who.auth).expect(404);
        expect(res.body).toMatchObject({ code: 'sender_domain_not_found', param: 'domain' });
        await h.http.patch(path).set(who.auth).send({ messages_per_second: 1 }).expect(404);
      }
      const standard = await h.http
        .post('/v1/api-keys')
        .set(acme.auth)
        .send({ name: 'standard', scope: 'standard' })
        .expect(201);
      const auth = { Authorization: `Bearer ${standard.body.secret}` };
      await h.http.get(domainPath).set(auth).expect(200);
      await h.http.patch(domainPath).set(auth).send({ messages_per_second: 1 }).expect(403);
    });
  });
});
