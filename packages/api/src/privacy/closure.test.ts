import { describe, expect, it } from 'vitest';
import { OPERATOR_TOKEN, validSms } from '../testing/api.harness.js';
import type { SessionClient } from '../testing/session-client.js';
import { useApiHarness } from '../testing/use-api-harness.js';

const DAY = 24 * 60 * 60 * 1000;

describe('closing an organisation (the routes)', () => {
  const h = useApiHarness();

  const organisation = 'Closing Time Ltd';
  const close = (client: SessionClient, confirm = organisation) =>
    client.send('delete', '/v1/account').send({ confirm });

  it('only an owner closes, and only with the name typed exactly; nothing changes otherwise', async () => {
    const owner = await h.signUp({ organization_name: organisation });
    const admin = await h.addMember(owner, 'admin');
    expect((await close(admin).expect(403)).body.code).toBe('forbidden');
    const key = await h.built.deps.services.accounts.createApiKey(owner.accountId, { name: 'k' });
    const byKey = await h.http
      .delete('/v1/account')
      .set('Authorization', `Bearer ${key.secret}`)
      .send({ confirm: organisation })
      .expect(403);
    expect(byKey.body.code).toBe('forbidden');
    for (const wrong of ['closing time ltd', `${organisation} `, 'Closing Time']) {
      const res = await close(owner, wrong).expect(422);
      expect([res.body.code, res.body.param]).toEqual(['confirmation_mismatch', 'confirm']);
    }
    expect((await owner.send('get', '/v1/account').expect(200)).body.status).toBe('active');
    expect((await owner.send('get', '/v1/account/closure').expect(404)).body.code).toBe(
      'account_not_closing',
    );
  });

  it('under a legal hold, closing is refused', async () => {
    const owner = await h.signUp({ organization_name: organisation });
    await h.http
      .put(`/v1/operator/accounts/${owner.accountId}/legal-hold`)
      .set('Authorization', `Bearer ${OPERATOR_TOKEN}`)
      .send({ legal_hold: true, reason: 'Regulator inquiry' })
      .expect(200);
    expect((await close(owner).expect(409)).body.code).toBe('legal_hold_active');
  });

  it('closing answers 202 with the purge date and what is kept; the organisation is then read-only for its owner', async () => {
    const owner = await h.signUp({ organization_name: organisation });
    const developer = await h.addMember(owner, 'developer');
    const key = await h.built.deps.services.accounts.createApiKey(owner.accountId, { name: 'k' });
    const before = Date.now();
    const res = await close(owner).expect(202);
    expect(res.body).toMatchObject({ object: 'account_closure', status: 'closing' });
    const purgeAt = Date.parse(res.body.purge_at);
    expect(purgeAt - Date.parse(res.body.requested_at)).toBe(30 * DAY);
    expect(Date.parse(res.body.content_shredded_at)).toBeGreaterThanOrEqual(before - 1000);
    expect(res.body.kept.map((k: { category: string }) => k.category)).toEqual([
      'billing',
      'audit',
    ]);
    const years = (k: { kept_until: string }) =>
      Math.round((Date.parse(k.kept_until) - purgeAt) / (365.25 * DAY));
    expect(res.body.kept.map(years)).toEqual([10, 6]);

    expect((await owner.send('get', '/v1/account/closure').expect(200)).body).toEqual(res.body);
    expect((await owner.send('get', '/v1/account').expect(200)).body.status).toBe('closed');
    expect((await close(owner).expect(409)).body.code).toBe('account_closing');
    // Everything else is closed to its people, and its keys are revoked.
    for (const [client, path] of [
      [owner, '/v1/messages'],
      [owner, '/v1/retention-policy'],
      [owner, '/v1/members'],
      [developer, '/v1/messages'],
    ] as const) {
      const refused = await client.send('get', path).expect(403);
      expect(refused.body.code).toBe('account_not_active');
    }
    const sent = await h.http
      .post('/v1/messages')
      .set('Authorization', `Bearer ${key.secret}`)
      .send(validSms);
    expect([sent.status, sent.body.code]).toEqual([401, 'api_key_revoked']);
    const [event] = await h.t.stores.account
      .selectFrom('audit_events')
      .selectAll()
      .where('account_id', '=', owner.accountId)
      .where('action', '=', 'account.closed')
      .execute();
    expect(event).toMatchObject({ actor_id: owner.userId, details: { api_keys_revoked: 1 } });
    await owner.send('post', '/v1/auth/logout').expect(204);
  });

  it('an owner cancels within the grace period and the organisation is active again; after it, no longer', async () => {
    const owner = await h.signUp({ organization_name: organisation });
    await close(owner).expect(202);
    const reopened = await owner.send('delete', '/v1/account/closure').expect(200);
    expect(reopened.body).toMatchObject({
      object: 'account',
      status: 'active',
      name: organisation,
    });
    await owner.send('get', '/v1/retention-policy').expect(200);
    expect((await owner.send('delete', '/v1/account/closure').expect(404)).body.code).toBe(
      'account_not_closing',
    );
    const [canceled] = await h.t.stores.account
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('account_id', '=', owner.accountId)
      .where('action', '=', 'account.closure_canceled')
      .execute();
    expect(canceled).toEqual({ action: 'account.closure_canceled', actor_id: owner.userId });

    await close(owner).expect(202);
    await h.t.stores.account
      .updateTable('account_closures')
      .set({ purge_at: new Date(Date.now() - 60_000) })
      .where('account_id', '=', owner.accountId)
      .execute();
    expect((await owner.send('delete', '/v1/account/closure').expect(409)).body.code).toBe(
      'account_closing',
    );
  });

  it('a suspended organisation that closes and cancels is suspended again', async () => {
    const owner = await h.signUp({ organization_name: organisation });
    await h.built.deps.services.trust.suspend(owner.accountId, {
      score: 2,
      signals: [],
      reason: 'Test',
      automated: true,
    });
    await close(owner).expect(202);
    const reopened = await owner.send('delete', '/v1/account/closure').expect(200);
    expect(reopened.body.status).toBe('suspended');
  });
});
