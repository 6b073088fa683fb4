import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiHarness,
  startApiHarness,
  validEmail,
  validPush,
  validSms,
} from '../testing/api.harness.js';
import type { SessionClient } from '../testing/session-client.js';

describe('the overview stats', () => {
  let h: ApiHarness;
  let owner: SessionClient;
  let other: SessionClient;

  beforeAll(async () => {
    h = await startApiHarness();
    owner = await h.signUp();
    other = await h.signUp();
    const ids: string[] = [];
    for (const body of [validSms, validSms, validEmail, validPush]) {
      const res = await owner.send('post', '/v1/messages').send(body).expect(202);
      ids.push(res.body.id);
    }
    await other.send('post', '/v1/messages').send(validSms).expect(202);
    // No worker runs here: play the outcomes the worker would have written.
    const usage = h.t.stores.usage;
    await usage
      .updateTable('messages')
      .set({ status: 'delivered' })
      .where('id', '=', ids[0]!)
      .execute();
    await usage.updateTable('messages').set({ status: 'sent' }).where('id', '=', ids[2]!).execute();
    await usage
      .updateTable('messages')
      .set({ status: 'failed', error_code: 'invalid_recipient' })
      .where('id', '=', ids[1]!)
      .execute();
  });
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await h.close();
  });

  it('when an owner asks for 7 days, then today counts each channel, the rate and the failures', async () => {
    const res = await owner.send('get', '/v1/stats/overview?days=7').expect(200);
    expect(res.body).toMatchObject({ object: 'overview_stats', days: 7, total: 4, inbound: 0 });
    expect(res.body.daily).toHaveLength(7);
    const today = res.body.daily.at(-1);
    expect(today).toMatchObject({
      sms: 2,
      email: 1,
      push: 1,
      finished: 3,
      delivered: 2,
      failed: 1,
    });
    expect(res.body.delivery_rate).toBeCloseTo(2 / 3);
    expect(res.body.failures).toEqual([{ error_code: 'invalid_recipient', count: 1 }]);
    expect(res.body.daily.slice(0, 6).every((d: { sms: number }) => d.sms === 0)).toBe(true);
  });

  it('when asked for 30 days, then there are 30 days; another organisation counts only its own', async () => {
    const res = await owner.send('get', '/v1/stats/overview?days=30').expect(200);
    expect(res.body.daily).toHaveLength(30);
    const theirs = await other.send('get', '/v1/stats/overview').expect(200);
    expect(theirs.body).toMatchObject({ days: 7, total: 1, delivery_rate: null, failures: [] });
  });

  it('when days is not 7 or 30, then 422; without a session, then 401', async () => {
    const bad = await owner.send('get', '/v1/stats/overview?days=14').expect(422);
    expect(bad.body.param).toBe('days');
    await h.http.get('/v1/stats/overview').expect(401);
  });

  it('when an API key asks, then it is refused: the overview is the console’s', async () => {
    const key = await h.newAccount();
    const res = await h.http.get('/v1/stats/overview').set(key.auth);
    expect([401, 403]).toContain(res.status);
  });
});
