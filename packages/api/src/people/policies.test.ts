import { announcePolicyChanges, DEFAULT_PRIVACY_CONTACT, Policies } from '@herald/core';
import { toolBestEffort } from '@herald/devkit/testing';
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../testing/session-client.js';
import { useApiHarness } from '../testing/use-api-harness.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Issue 17, item 7: policies and notices. The privacy notice and the terms have versions with
 * the day each takes effect; sign-up asks for both boxes, and records which versions were
 * accepted, when and from where; a material change is published 30 days ahead at the earliest
 * and announced to every owner once.
 */
describe('policies and notices', () => {
  const h = useApiHarness({ trustProxy: 'loopback' });
  const signUp = (fields: Record<string, unknown>) =>
    h.http
      .post('/v1/auth/signup')
      .set('X-Forwarded-For', '203.0.113.9')
      .send({
        name: 'Mary Somerville',
        email: `mary-${Math.random().toString(36).slice(2)}@example.com`,
        password: PASSWORD,
        organization_name: 'Connexion Ltd',
        ...fields,
      });

  it('GET /v1/policies: the versions in effect, the privacy contact, and the pages they link', async () => {
    const res = await h.http.get('/v1/policies').expect(200);
    expect(res.body).toMatchObject({
      object: 'policies',
      privacy: { kind: 'privacy', version: '2026-12-01', url: '/legal/privacy', material: false },
      terms: { kind: 'terms', version: '2026-12-01', url: '/legal/terms' },
      upcoming: [],
      privacy_contact: DEFAULT_PRIVACY_CONTACT,
    });
    for (const path of ['/legal/privacy', '/legal/terms']) {
      const page = await h.http.get(path).expect(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.text).toContain(`mailto:${DEFAULT_PRIVACY_CONTACT}`);
      expect(page.text).toContain('Version 2026-12-01');
    }
  });

  it('refuses a sign-up without both boxes, naming each, and creates nothing', async () => {
    const users = async () =>
      (await h.t.stores.account.selectFrom('users').select('id').execute()).length;
    const before = await users();
    const missing = await signUp({ age_confirmed: true }).expect(422);
    expect(missing.body).toMatchObject({ code: 'missing_field', param: 'accept_terms' });
    const declined = await signUp({ accept_terms: false, age_confirmed: true }).expect(422);
    expect(declined.body).toMatchObject({ code: 'terms_not_accepted', param: 'accept_terms' });
    const young = await signUp({ accept_terms: true, age_confirmed: false }).expect(422);
    expect(young.body).toMatchObject({ code: 'age_not_confirmed', param: 'age_confirmed' });
    expect(young.body.detail).toContain('16');
    expect(await users()).toBe(before);
  });

  it('records the versions accepted at sign-up, when and from where; the user’s copy shows them', async () => {
    const started = Date.now();
    const owner = await h.signUp({ organization_name: 'Accepted Ltd' });
    const db = h.t.stores.account;
    const user = await db
      .selectFrom('users')
      .select('age_confirmed_at')
      .where('id', '=', owner.userId)
      .executeTakeFirstOrThrow();
    expect(user.age_confirmed_at!.getTime()).toBeGreaterThanOrEqual(started - 1000);
    const copy = (await owner.send('get', '/v1/me/export').expect(200)).body;
    expect(copy.policy_acceptances).toEqual([
      expect.objectContaining({ kind: 'privacy', version: '2026-12-01' }),
      expect.objectContaining({ kind: 'terms', version: '2026-12-01' }),
    ]);

    await signUp({
      accept_terms: true,
      age_confirmed: true,
      email: 'from.where@example.com',
    }).expect(202);
    const recorded = await db
      .selectFrom('policy_acceptances')
      .innerJoin('users', 'users.id', 'policy_acceptances.user_id')
      .select(['policy_acceptances.kind', 'policy_acceptances.ip'])
      .where('users.email', '=', 'from.where@example.com')
      .execute();
    expect(recorded).toEqual([
      { kind: 'privacy', ip: '203.0.113.9' },
      { kind: 'terms', ip: '203.0.113.9' },
    ]);
  });

  it('a material change is published 30 days ahead at the earliest, and every owner hears of it once', async () => {
    const owners = [await h.signUp(), await h.signUp()];
    const db = h.t.stores.account;
    const now = new Date();
    const policies = new Policies({
      account: db,
      clock: { now: () => now },
      privacyContact: DEFAULT_PRIVACY_CONTACT,
    });
    const change = {
      kind: 'privacy' as const,
      url: 'https://example.org/privacy-v2',
      summary: 'Backups are kept 35 days instead of 30.',
      material: true,
    };
    await expect(
      policies.publish({
        ...change,
        version: 'too-soon',
        effectiveAt: new Date(now.getTime() + 10 * DAY_MS),
      }),
    ).rejects.toMatchObject({ code: 'invalid_value', param: 'effective_at' });
    const effectiveAt = new Date(now.getTime() + 31 * DAY_MS);
    await policies.publish({ ...change, version: '2027-01', effectiveAt });
    await expect(
      policies.publish({ ...change, version: '2027-01', effectiveAt }),
    ).rejects.toMatchObject({
      param: 'version',
    });
    const listed = await h.http.get('/v1/policies').expect(200);
    expect(listed.body.privacy.version).toBe('2026-12-01');
    expect(listed.body.upcoming).toEqual([
      expect.objectContaining({
        version: '2027-01',
        material: true,
        effective_at: effectiveAt.toISOString(),
      }),
    ]);

    const announce = () =>
      announcePolicyChanges({
        account: db,
        mailer: h.built.core.mailer,
        publicUrl: 'http://localhost:3000',
        bestEffort: toolBestEffort('policies-test'),
        now,
      });
    expect(await announce()).toBe(1);
    expect(await announce()).toBe(0);
    const emails = (await h.systemEmails()).filter((m) => m.kind === 'policy_change');
    for (const owner of owners) {
      const mine = emails.filter((m) => m.to === owner.email);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.subject).toContain(effectiveAt.toISOString().slice(0, 10));
      expect(mine[0]!.text).toContain('Backups are kept 35 days');
      expect(mine[0]!.text).toContain('https://example.org/privacy-v2');
    }
  });
});
