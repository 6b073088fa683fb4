import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, startApiHarness, type TestAccount } from '../testing/api.harness.js';

describe('/v1/phone-numbers', () => {
  let h: ApiHarness;
  let account: TestAccount;
  let other: TestAccount;
  beforeAll(async () => {
    h = await startApiHarness();
    account = await h.newAccount('Numbers');
    other = await h.newAccount('Another organisation');
  });
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await h.close();
  });

  const add = (number: string, who = account) =>
    h.http.post('/v1/phone-numbers').set(who.auth).send({ number });

  it('when a number is added, then 201, it is listed for its organisation only, and adding it again returns it', async () => {
    const res = await add('+15005550006').expect(201);
    expect(res.body).toMatchObject({ object: 'phone_number', number: '+15005550006' });
    expect(res.body.id).toMatch(/^num_/);
    expect((await add('+15005550006').expect(201)).body).toEqual(res.body);
    const list = await h.http.get('/v1/phone-numbers').set(account.auth).expect(200);
    expect(list.body).toEqual({ object: 'list', data: [res.body] });
    const theirs = await h.http.get('/v1/phone-numbers').set(other.auth).expect(200);
    expect(theirs.body.data).toEqual([]);
  });

  it('when another organisation has the number, then 409 phone_number_taken', async () => {
    await add('+15005550007').expect(201);
    const res = await add('+15005550007', other).expect(409);
    expect(res.body).toMatchObject({ code: 'phone_number_taken', param: 'number' });
  });

  it('when the number is not E.164, then 422 invalid_phone_number', async () => {
    const res = await add('555-0100').expect(422);
    expect(res.body).toMatchObject({ code: 'invalid_phone_number', param: 'number' });
  });

  it('when removed, then 204 and another organisation may take it; another’s id is 404', async () => {
    const created = await add('+15005550008').expect(201);
    const theirs = await h.http
      .delete(`/v1/phone-numbers/${created.body.id}`)
      .set(other.auth)
      .expect(404);
    expect(theirs.body.code).toBe('phone_number_not_found');
    await h.http.delete(`/v1/phone-numbers/${created.body.id}`).set(account.auth).expect(204);
    await h.http.delete(`/v1/phone-numbers/${created.body.id}`).set(account.auth).expect(404);
    await add('+15005550008', other).expect(201);
  });

  it('adding and removing are in the audit log', async () => {
    const rows = await h.t.stores.account
      .selectFrom('audit_events')
      .select(['action', 'account_id'])
      .where('action', 'like', 'phone_number.%')
      .execute();
    expect(rows.filter((r) => r.account_id === account.id).map((r) => r.action)).toEqual(
      expect.arrayContaining(['phone_number.added', 'phone_number.removed']),
    );
  });
});
