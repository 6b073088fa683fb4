import type { Response } from 'supertest';
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../testing/session-client.js';
import { useApiHarness } from '../testing/use-api-harness.js';

/** What a caller can see of an answer, less what differs on every request. */
function visible(res: Response) {
  const { date: _date, 'x-request-id': _id, etag: _etag, ...headers } = res.headers;
  return { status: res.status, headers: Object.keys(headers).sort(), body: res.body };
}

/** Item 8: sign-up says nothing about whether an address is registered. */
describe('sign-up and registered addresses', () => {
  const h = useApiHarness();

  const signUp = (email: string, password = 'a stranger chose this') =>
    h.http.post('/v1/auth/signup').send({
      name: 'Someone',
      email,
      password,
      organization_name: 'Some Org',
      accept_terms: true,
      age_confirmed: true,
    });
  const accounts = async () =>
    (await h.t.stores.account.selectFrom('accounts').select('id').execute()).length;

  it('when the address already has a user, then the answer is the one a new address gets, nothing is created, and its owner is told', async () => {
    await h.signUp({ email: 'known@example.com', name: 'Known Owner' });
    const before = await accounts();

    // Same length, so even Content-Length is the same.
    const known = await signUp('known@example.com');
    const fresh = await signUp('fresh@example.com');
    expect(known.status).toBe(202);
    expect(visible(known)).toEqual({
      ...visible(fresh),
      body: { ...fresh.body, email: 'known@example.com' },
    });
    expect(known.headers['set-cookie']).toBeUndefined();
    expect(known.headers['content-length']).toBe(fresh.headers['content-length']);
    expect(await accounts()).toBe(before + 1);

    const mails = await h.systemEmails();
    const toKnown = mails.filter((m) => m.to === 'known@example.com').at(-1)!;
    expect(toKnown).toMatchObject({
      kind: 'address_in_use',
      subject: 'Someone tried to use your address on Herald',
    });
    expect(toKnown.text).toContain('Hello Known Owner,');
    expect(toKnown.text).toContain('http://localhost:3000/console/login');
    expect(toKnown.text).toContain('http://localhost:3000/console/reset-password');
    expect(toKnown.text).not.toContain('token=');
    expect(mails.filter((m) => m.to === 'fresh@example.com').map((m) => m.kind)).toEqual([
      'email_verification',
    ]);

    // The stranger's password opens nothing; the owner's still works.
    await h.http
      .post('/v1/auth/login')
      .send({ email: 'known@example.com', password: 'a stranger chose this' })
      .expect(401);
    await h.logIn('known@example.com', PASSWORD);
  });

  it('when one new address signs up twice at once, then both get the same answer and one user exists', async () => {
    const [first, second] = await Promise.all([
      signUp('twice@example.com'),
      signUp('twice@example.com'),
    ]);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
    const users = await h.t.stores.account
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'twice@example.com')
      .execute();
    expect(users).toHaveLength(1);
  });
});
