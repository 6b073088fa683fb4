import { describe, expect, it } from 'vitest';
import { OPERATOR_TOKEN, validSms } from '../testing/api.harness.js';
import { useApiHarness } from '../testing/use-api-harness.js';

const operator = { Authorization: `Bearer ${OPERATOR_TOKEN}` };
const listPath = '/v1/operator/provider-accounts';

/**
 * The caps of the provider accounts Herald sends through (ADR 28): an operator sets them with
 * the operator token, every organisation sees them (without what waits there), and sends
 * accepted from then on are paced by them.
 */
describe('provider accounts’ throughput caps', () => {
  const h = useApiHarness({
    pacing: {
      smsDefaultSender: 0,
      smsProviderAccount: 0,
      emailDomain: 0,
      emailProviderAccount: 14,
      pushProviderAccount: 10_000,
    },
  });

  it('when an operator lists them, then each channel’s account shows its default cap and an empty backlog', async () => {
    const res = await h.http.get(listPath).set(operator).expect(200);
    expect(res.body.data).toEqual([
      {
        object: 'provider_account',
        channel: 'sms',
        provider: 'twilio',
        unit: 'segments',
        per_second: null,
        default_per_second: null,
        set_at: null,
        backlog: { units: 0, clears_at: null },
      },
      expect.objectContaining({ channel: 'email', provider: 'smtp', per_second: 14 }),
      expect.objectContaining({ channel: 'push', provider: 'fcm', per_second: 10_000 }),
    ]);
  });

  it('when an operator caps the Twilio account, then SMS accepted from then on wait on it, every organisation sees the cap, and null puts the default back', async () => {
    const set = await h.http
      .patch(`${listPath}/sms`)
      .set(operator)
      .send({ per_second: 2 })
      .expect(200);
    expect(set.body).toMatchObject({ channel: 'sms', per_second: 2, default_per_second: null });
    expect(Date.parse(set.body.set_at)).toBeGreaterThan(Date.now() - 60_000);

    const acme = await h.newAccount('Acme');
    for (let i = 0; i < 6; i++)
      await h.http.post('/v1/messages').set(acme.auth).send(validSms).expect(202);
    // Six one-segment texts at 2 a second: the last goes about 3 s from now.
    const listed = await h.http.get(listPath).set(operator).expect(200);
    const sms = listed.body.data[0];
    expect(sms.backlog.units).toBeGreaterThanOrEqual(5);
    expect(sms.backlog.units).toBeLessThanOrEqual(6);
    const clears = Date.parse(sms.backlog.clears_at) - Date.now();
    expect(clears).toBeGreaterThan(2_000);
    expect(clears).toBeLessThanOrEqual(3_000);

    // The organisation sees the cap, not what every organisation has waiting on it.
    const seen = await h.http.get('/v1/provider-accounts').set(acme.auth).expect(200);
    expect(seen.body.data[0]).toMatchObject({ channel: 'sms', per_second: 2 });
    expect(seen.body.data[0]).not.toHaveProperty('backlog');

    const reset = await h.http
      .patch(`${listPath}/sms`)
      .set(operator)
      .send({ per_second: null })
      .expect(200);
    expect(reset.body).toMatchObject({ per_second: null, set_at: null });
    const audit = await h.t.stores.account
      .selectFrom('audit_events')
      .select(['account_id', 'actor_type', 'details'])
      .where('action', '=', 'provider_account.pacing_changed')
      .execute();
    expect(audit).toEqual([
      { account_id: null, actor_type: 'operator', details: { per_second: 2 } },
      { account_id: null, actor_type: 'operator', details: { per_second: null } },
    ]);
  });

  it('when the cap is not a rate or the channel is not one, then 422 naming the field, and nothing changes', async () => {
    for (const [value, code] of [
      [0, 'invalid_throughput'],
      [-1, 'invalid_throughput'],
      [2_000_000, 'invalid_throughput'],
      ['fast', 'invalid_type'],
    ]) {
      const res = await h.http
        .patch(`${listPath}/email`)
        .set(operator)
        .send({ per_second: value })
        .expect(422);
      expect(res.body).toMatchObject({ code, param: 'per_second' });
    }
    const fax = await h.http.patch(`${listPath}/fax`).set(operator).send({ per_second: 1 });
    expect([fax.status, fax.body.param]).toEqual([422, 'channel']);
    const listed = await h.http.get(listPath).set(operator).expect(200);
    expect(listed.body.data[1]).toMatchObject({ per_second: 14, set_at: null });
  });

  it('when the operator token is missing or an organisation’s key is used, then 401 and nothing changes', async () => {
    const acme = await h.newAccount('Curious');
    for (const auth of [{}, acme.auth]) {
      for (const res of [
        await h.http.get(listPath).set(auth),
        await h.http.patch(`${listPath}/push`).set(auth).send({ per_second: 1 }),
      ])
        expect([res.status, res.body.code]).toEqual([401, 'operator_token_invalid']);
    }
    const listed = await h.http.get(listPath).set(operator).expect(200);
    expect(listed.body.data[2]).toMatchObject({ per_second: 10_000, set_at: null });
  });
});
