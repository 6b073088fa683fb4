import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiHarness,
  OPERATOR_TOKEN,
  startApiHarness,
  type TestAccount,
} from '../testing/api.harness.js';
import { type RetentionSeed, retentionSeed } from '../testing/retention-seed.js';
import type { SessionClient } from '../testing/session-client.js';

const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

describe('the retention policy routes', () => {
  let h: ApiHarness;
  let owner: SessionClient;
  let key: TestAccount;
  let seed: RetentionSeed;
  const operator = { Authorization: `Bearer ${OPERATOR_TOKEN}` };

  beforeAll(async () => {
    h = await startApiHarness();
    owner = await h.signUp();
    key = await h.newAccount('Keyed');
    seed = retentionSeed(h.t.stores, h.masterKey);
  });
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await h.close();
  });

  const auditOf = async (accountId: string, action: string) =>
    h.t.stores.account
      .selectFrom('audit_events')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('action', '=', action)
      .orderBy('id')
      .execute();

  it('without a policy of its own, an organisation has the defaults, dated from its creation', async () => {
    const res = await h.http.get('/v1/retention-policy').set(key.auth).expect(200);
    const account = await h.built.deps.services.accounts.getAccount(key.id);
    expect(res.body).toEqual({
      object: 'retention_policy',
      content_days: 30,
      usage_days: 395,
      ip_log_days: 90,
      store_content: true,
      legal_hold: false,
      updated_at: account.created_at.toISOString(),
    });
  });

  it('an admin or owner changes it; the change is in the audit log with who and what', async () => {
    const res = await owner
      .send('put', '/v1/retention-policy')
      .send({ content_days: 7, usage_days: 60 })
      .expect(200);
    expect(res.body).toMatchObject({
      content_days: 7,
      usage_days: 60,
      ip_log_days: 90,
      store_content: true,
    });
    const again = await owner.send('get', '/v1/retention-policy').expect(200);
    expect(again.body).toEqual(res.body);
    const [event] = await auditOf(owner.accountId, 'retention_policy.updated');
    expect(event).toMatchObject({
      actor_type: 'user',
      actor_id: owner.userId,
      details: {
        fields: ['content_days', 'usage_days'],
        content_days: 7,
        usage_days: 60,
        ip_log_days: 90,
      },
    });
  });

  it.each([
    [{ legal_hold: true }, 'unknown_field', 'legal_hold'],
    [{}, undefined, undefined],
    [{ usage_days: 0 }, undefined, 'usage_days'],
    [{ ip_log_days: 400 }, undefined, 'ip_log_days'],
    [{ content_days: 100, usage_days: 50 }, 'invalid_value', 'content_days'],
  ])('refuses %j with 422', async (body, code, param) => {
    const res = await h.http.put('/v1/retention-policy').set(key.auth).send(body).expect(422);
    if (code) expect(res.body.code).toBe(code);
    if (param) expect(res.body.param).toBe(param);
  });

  it('the preview counts exactly the rows each store would lose, and none of a pending message', async () => {
    const { id } = await h.newAccount('Previewed');
    const auth = {
      Authorization: `Bearer ${(await h.built.deps.services.accounts.createApiKey(id, { name: 'p' })).secret}`,
    };
    await h.http
      .put('/v1/retention-policy')
      .set(auth)
      .send({ content_days: 5, usage_days: 20, ip_log_days: 10 })
      .expect(200);
    for (const age of [1, 6, 30]) await seed.message({ accountId: id, createdAt: ago(age) });
    await seed.message({ accountId: id, createdAt: ago(30), status: 'scheduled' });
    for (const age of [2, 11, 40]) await seed.login(id, ago(age));
    const res = await h.http.get('/v1/retention-policy/preview').set(auth).expect(200);
    // content: ages 6 and 30 (not the scheduled one); usage: age 30; account: log-ins 11 and 40.
    expect(res.body).toEqual({
      object: 'retention_preview',
      legal_hold: false,
      content: 2,
      usage: 1,
      account: 2,
    });
  });

  it('an operator puts a legal hold on, with a reason; the preview then removes nothing; lifting it is audited too', async () => {
    const target = `/v1/operator/accounts/${owner.accountId}/legal-hold`;
    await h.http.put(target).send({ legal_hold: true, reason: 'Litigation hold' }).expect(401);
    await owner
      .send('put', target)
      .send({ legal_hold: true, reason: 'Litigation hold' })
      .expect(401);
    for (const age of [40, 400])
      await seed.message({ accountId: owner.accountId, createdAt: ago(age) });

    const on = await h.http
      .put(target)
      .set(operator)
      .send({ legal_hold: true, reason: 'Litigation hold' })
      .expect(200);
    expect(on.body).toMatchObject({ legal_hold: true, content_days: 7, usage_days: 60 });
    const preview = await owner.send('get', '/v1/retention-policy/preview').expect(200);
    expect(preview.body).toEqual({
      object: 'retention_preview',
      legal_hold: true,
      content: 0,
      usage: 0,
      account: 0,
    });
    expect((await owner.send('get', '/v1/retention-policy').expect(200)).body.legal_hold).toBe(
      true,
    );

    await h.http
      .put(target)
      .set(operator)
      .send({ legal_hold: false, reason: 'Case settled' })
      .expect(200);
    const lifted = await owner.send('get', '/v1/retention-policy/preview').expect(200);
    expect(lifted.body).toMatchObject({ legal_hold: false, content: 2, usage: 1 });
    const [set] = await auditOf(owner.accountId, 'retention.legal_hold_set');
    const [unset] = await auditOf(owner.accountId, 'retention.legal_hold_lifted');
    expect(set).toMatchObject({
      actor_type: 'operator',
      details: { legal_hold: true, reason: 'Litigation hold' },
    });
    expect(unset).toMatchObject({
      actor_type: 'operator',
      details: { legal_hold: false, reason: 'Case settled' },
    });
  });

  it('a legal hold on an account that does not exist is 404', async () => {
    const res = await h.http
      .put('/v1/operator/accounts/acc_00000000000000000000000000/legal-hold')
      .set(operator)
      .send({ legal_hold: true, reason: 'Litigation hold' })
      .expect(404);
    expect(res.body.code).toBe('account_not_found');
  });

  it('lists the run records newest first, a page at a time', async () => {
    for (const [store, rows] of [
      ['content', 3],
      ['usage', 2],
      ['account', 1],
    ] as const) {
      await h.t.stores.account
        .insertInto('retention_runs')
        .values({
          account_id: key.id,
          store,
          rows_removed: rows,
          started_at: ago(1),
          duration_ms: 12,
        })
        .execute();
    }
    const first = await h.http.get('/v1/retention-policy/runs?limit=2').set(key.auth).expect(200);
    expect(first.body.data.map((r: { store: string }) => r.store)).toEqual(['account', 'usage']);
    expect(first.body).toMatchObject({ has_more: true });
    expect(first.body.data[0]).toMatchObject({
      object: 'retention_run',
      rows_removed: 1,
      duration_ms: 12,
    });
    const second = await h.http
      .get(`/v1/retention-policy/runs?limit=2&cursor=${first.body.next_cursor}`)
      .set(key.auth)
      .expect(200);
    expect(second.body).toMatchObject({ has_more: false, next_cursor: null });
    expect(second.body.data.map((r: { store: string }) => r.store)).toEqual(['content']);
    const bad = await h.http
      .get('/v1/retention-policy/runs?cursor=bm9wZQ')
      .set(key.auth)
      .expect(422);
    expect(bad.body.code).toBe('invalid_cursor');
    // Another organisation's runs are not there.
    expect((await owner.send('get', '/v1/retention-policy/runs').expect(200)).body.data).toEqual(
      [],
    );
  });
});
