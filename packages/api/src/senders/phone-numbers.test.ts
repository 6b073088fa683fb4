import { beforeAll, describe, expect, it } from 'vitest';
import type { TestAccount } from '../testing/api.harness.js';
import { useApiHarness } from '../testing/use-api-harness.js';

describe('/v1/phone-numbers: a number belongs to the organisation that proves control of it', () => {
  const h = useApiHarness();
  let account: TestAccount;
  let other: TestAccount;
  beforeAll(async () => {
    account = await h.newAccount('Numbers');
    other = await h.newAccount('Another organisation');
  });

  const claim = (number: string, who = account) =>
    h.http.post('/v1/phone-numbers').set(who.auth).send({ number });
  const verify = (id: string, code: string, who = account) =>
    h.http.post(`/v1/phone-numbers/${id}/verify`).set(who.auth).send({ code });
  /** The code in the last text Herald sent to `number`. */
  const codeSentTo = async (number: string): Promise<string> => {
    const text = (await h.systemTexts()).filter((sms) => sms.to === number).at(-1);
    const code = /\b(\d{6})\b/.exec(text?.body ?? '')?.[1];
    if (!code) throw new Error(`no code was texted to ${number}`);
    return code;
  };
  const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('when a number is claimed, then 201 pending_verification, a code is texted to it, and the code is stored only hashed', async () => {
    const res = await claim('+15005550010').expect(201);
    expect(res.body).toMatchObject({
      object: 'phone_number',
      number: '+15005550010',
      status: 'pending_verification',
      verified_at: null,
    });
    const code = await codeSentTo('+15005550010');
    expect((await h.systemTexts()).at(-1)?.body).not.toMatch(/Numbers/); // names no organisation
    // Whole digits only: a timestamp may contain any six digits.
    const bare = new RegExp(`(?<![0-9a-f])${code}(?![0-9a-f])`);
    const rows = await h.t.stores.account.selectFrom('phone_number_codes').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toMatch(bare);
    expect(h.logs.join('\n')).not.toMatch(bare);
    const theirs = await h.http.get('/v1/phone-numbers').set(other.auth).expect(200);
    expect(theirs.body.data).toEqual([]);
  });

  it('when the texted code is given, then the number is verified and held; verifying again returns it', async () => {
    const { body } = await claim('+15005550011').expect(201);
    const res = await verify(body.id, await codeSentTo('+15005550011')).expect(200);
    expect(res.body).toMatchObject({ id: body.id, status: 'verified' });
    expect(res.body.verified_at).toEqual(expect.any(String));
    expect((await verify(body.id, '000000').expect(200)).body).toEqual(res.body);
    const texts = (await h.systemTexts()).length;
    expect((await claim('+15005550011').expect(201)).body).toEqual(res.body);
    expect((await h.systemTexts()).length).toBe(texts); // a held number is not texted again
    const list = await h.http.get('/v1/phone-numbers').set(account.auth).expect(200);
    expect(list.body.data).toContainEqual(res.body);
  });

  it('when a wrong code is given, then 422 verification_code_invalid with the tries left; after five, even the right code is refused until a new one is asked for', async () => {
    const { body } = await claim('+15005550012').expect(201);
    const code = await codeSentTo('+15005550012');
    const first = await verify(body.id, otherCode(code)).expect(422);
    expect(first.body).toMatchObject({ code: 'verification_code_invalid', param: 'code' });
    expect(first.body.detail).toContain('4 attempts left');
    for (let i = 0; i < 4; i++) await verify(body.id, otherCode(code)).expect(422);
    const locked = await verify(body.id, code).expect(422);
    expect(locked.body.code).toBe('verification_code_expired');
    expect(locked.body.detail).toContain('tried too many times');

    await claim('+15005550012').expect(201);
    await verify(body.id, await codeSentTo('+15005550012')).expect(200);
  });

  it('when the code has expired, then 422 verification_code_expired', async () => {
    const { body } = await claim('+15005550013').expect(201);
    const code = await codeSentTo('+15005550013');
    await h.t.stores.account
      .updateTable('phone_number_codes')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('number_id', '=', body.id)
      .execute();
    expect((await verify(body.id, code).expect(422)).body.code).toBe('verification_code_expired');
  });

  it('when two organisations claim one number, then the first to verify holds it; the other cannot verify, nor claim it again (409 phone_number_taken)', async () => {
    const mine = await claim('+15005550014').expect(201);
    const mineCode = await codeSentTo('+15005550014');
    const theirs = await claim('+15005550014', other).expect(201);
    const theirCode = await codeSentTo('+15005550014');
    await verify(mine.body.id, mineCode).expect(200);
    const refused = await verify(theirs.body.id, theirCode, other).expect(409);
    expect(refused.body).toMatchObject({ code: 'phone_number_taken' });
    const again = await claim('+15005550014', other).expect(409);
    expect(again.body).toMatchObject({ code: 'phone_number_taken', param: 'number' });
    // Another organisation's code never verifies this organisation's claim, nor the reverse.
    await verify(mine.body.id, theirCode, other).expect(404);
  });

  it('when the number is not E.164, then 422 invalid_phone_number', async () => {
    const res = await claim('555-0100').expect(422);
    expect(res.body).toMatchObject({ code: 'invalid_phone_number', param: 'number' });
  });

  it('when the holder removes it, then 204 and another organisation may verify it; another’s id is 404', async () => {
    const created = await claim('+15005550015').expect(201);
    await verify(created.body.id, await codeSentTo('+15005550015')).expect(200);
    const theirs = await h.http
      .delete(`/v1/phone-numbers/${created.body.id}`)
      .set(other.auth)
      .expect(404);
    expect(theirs.body.code).toBe('phone_number_not_found');
    await h.http.delete(`/v1/phone-numbers/${created.body.id}`).set(account.auth).expect(204);
    await h.http.delete(`/v1/phone-numbers/${created.body.id}`).set(account.auth).expect(404);
    const next = await claim('+15005550015', other).expect(201);
    await verify(next.body.id, await codeSentTo('+15005550015'), other).expect(200);
  });

  it('when an operator assigns a held number to another organisation, then it moves: the new one holds it verified, the old one no longer lists it', async () => {
    const held = await claim('+15005550016').expect(201);
    await verify(held.body.id, await codeSentTo('+15005550016')).expect(200);
    await h.assignNumber(other, '+15005550016');
    const mine = await h.http.get('/v1/phone-numbers').set(account.auth).expect(200);
    expect(mine.body.data.map((n: { number: string }) => n.number)).not.toContain('+15005550016');
    const theirs = await h.http.get('/v1/phone-numbers').set(other.auth).expect(200);
    expect(theirs.body.data).toContainEqual(
      expect.objectContaining({ number: '+15005550016', status: 'verified' }),
    );
  });

  it('when one number is texted five codes in an hour, then the next claim is 429 with Retry-After and texts nothing', async () => {
    const number = '+15005550017';
    const claimant = await h.newAccount('Claimant');
    const { body } = await claim(number, claimant).expect(201);
    for (let i = 0; i < 4; i++) await claim(number, claimant).expect(201);
    const texts = (await h.systemTexts()).length;
    const refused = await claim(number, other).expect(429);
    expect(refused.body.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await h.systemTexts()).length).toBe(texts);
    // The codes already sent still work.
    await verify(body.id, await codeSentTo(number), claimant).expect(200);
  });

  it('claiming, verifying, moving and removing are in the audit log', async () => {
    const rows = await h.t.stores.account
      .selectFrom('audit_events')
      .select(['action', 'account_id'])
      .where('action', 'like', 'phone_number.%')
      .execute();
    expect(rows.filter((r) => r.account_id === account.id).map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'phone_number.claimed',
        'phone_number.verified',
        'phone_number.removed',
        'phone_number.moved_away',
      ]),
    );
    expect(rows.filter((r) => r.account_id === other.id).map((r) => r.action)).toContain(
      'phone_number.assigned',
    );
  });
});

describe('/v1/phone-numbers/{id}: a number’s kind, throughput cap and backlog (ADR 28)', () => {
  const h = useApiHarness();
  let account: TestAccount;
  let other: TestAccount;
  const ids = new Map<string, string>();
  beforeAll(async () => {
    account = await h.newAccount('Paced numbers');
    other = await h.newAccount('Someone else');
    for (const number of ['+14155550130', '+18005550131']) {
      await h.assignNumber(account, number);
    }
    const list = await h.http.get('/v1/phone-numbers').set(account.auth).expect(200);
    for (const n of list.body.data) ids.set(n.number, n.id);
  });
  const patch = (number: string, body: object, who = account) =>
    h.http
      .patch(`/v1/phone-numbers/${ids.get(number)}`)
      .set(who.auth)
      .send(body);

  it('when a number is read, then its kind comes from its area code and its cap from its kind, with an empty backlog', async () => {
    const longCode = await h.http
      .get(`/v1/phone-numbers/${ids.get('+14155550130')}`)
      .set(account.auth)
      .expect(200);
    expect(longCode.body).toMatchObject({
      kind: 'long_code',
      segments_per_second: 1,
      backlog: { segments: 0, clears_at: null },
    });
    const tollFree = await h.http
      .get(`/v1/phone-numbers/${ids.get('+18005550131')}`)
      .set(account.auth)
      .expect(200);
    expect(tollFree.body).toMatchObject({ kind: 'toll_free', segments_per_second: 3 });
  });

  it('when its kind or cap is set, then the number says so, the audit log has it, and null puts each back', async () => {
    expect((await patch('+14155550130', { kind: 'short_code' }).expect(200)).body).toMatchObject({
      kind: 'short_code',
      segments_per_second: 100,
    });
    expect(
      (await patch('+14155550130', { segments_per_second: 0.5 }).expect(200)).body,
    ).toMatchObject({ kind: 'short_code', segments_per_second: 0.5 });
    expect(
      (await patch('+14155550130', { kind: null, segments_per_second: null }).expect(200)).body,
    ).toMatchObject({ kind: 'long_code', segments_per_second: 1 });
    const actions = await h.t.stores.account
      .selectFrom('audit_events')
      .select('action')
      .where('account_id', '=', account.id)
      .where('action', '=', 'phone_number.pacing_changed')
      .execute();
    expect(actions).toHaveLength(3);
  });

  it('when the cap is not a rate, or the kind unknown, then 422 naming the field, and nothing changes', async () => {
    for (const value of [0, -1, 2_000_000]) {
      const res = await patch('+14155550130', { segments_per_second: value }).expect(422);
      expect(res.body).toMatchObject({ code: 'invalid_throughput', param: 'segments_per_second' });
    }
    const text = await patch('+14155550130', { segments_per_second: 'fast' }).expect(422);
    expect(text.body).toMatchObject({ code: 'invalid_type', param: 'segments_per_second' });
    const kind = await patch('+14155550130', { kind: 'satellite' }).expect(422);
    expect(kind.body.param).toBe('kind');
    await patch('+14155550130', {}).expect(422);
    const now = await h.http
      .get(`/v1/phone-numbers/${ids.get('+14155550130')}`)
      .set(account.auth)
      .expect(200);
    expect(now.body.segments_per_second).toBe(1);
  });

  it('when messages wait on the number’s cap, then its backlog says about how many segments and when the last goes', async () => {
    const lane = {
      lanes: [{ key: 'sms:sender:+18005550131', perSecond: 3 }],
      cost: 1,
    };
    for (let i = 0; i < 30; i++) await h.built.deps.services.pacer.reserve(lane, { urgent: false });
    const res = await h.http
      .get(`/v1/phone-numbers/${ids.get('+18005550131')}`)
      .set(account.auth)
      .expect(200);
    // 30 segments at 3 a second: about 10 s of them.
    expect(res.body.backlog.segments).toBeGreaterThanOrEqual(28);
    expect(res.body.backlog.segments).toBeLessThanOrEqual(30);
    const clears = Date.parse(res.body.backlog.clears_at) - Date.now();
    expect(clears).toBeGreaterThan(9_000);
    expect(clears).toBeLessThan(10_500);
  });

  it('when another organisation reads or sets the number, then 404', async () => {
    await h.http
      .get(`/v1/phone-numbers/${ids.get('+14155550130')}`)
      .set(other.auth)
      .expect(404);
    await patch('+14155550130', { segments_per_second: 5 }, other).expect(404);
  });
});
