import { RemovedMemberPurge } from '@herald/core';
import { describe, expect, it } from 'vitest';
import { useApiHarness } from '../testing/use-api-harness.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Issue 17, item 5: a removed member's personal data is purged after a grace period. The
 * account retention job marks users it finds without any organisation and deletes them 30
 * days later, as deleting their own user would; joining one again in between keeps them.
 */
describe('removed members are purged after 30 days', () => {
  const h = useApiHarness({ trustProxy: 'loopback' });

  it('marks a removed member, keeps them 30 days, then deletes them and leaves only an id in the audit log', async () => {
    const owner = await h.signUp({ organization_name: 'Purge Co' });
    const leaver = await h.addMember(owner, 'developer');
    const returner = await h.addMember(owner, 'viewer');
    const stayer = await h.addMember(owner, 'viewer');
    for (const member of [leaver, returner])
      await owner.send('delete', `/v1/members/${member.userId}`).send({}).expect(204);

    const db = h.t.stores.account;
    let now = new Date();
    const purge = new RemovedMemberPurge({ account: db, clock: { now: () => now } });
    expect(await purge.run()).toEqual({ marked: 2, rejoined: 0, purged: 0 });
    expect(await purge.run()).toEqual({ marked: 0, rejoined: 0, purged: 0 });

    // The returner joins an organisation again before the 30 days are over.
    await db
      .insertInto('memberships')
      .values({ account_id: owner.accountId, user_id: returner.userId, role: 'viewer' })
      .execute();
    now = new Date(now.getTime() + 29 * DAY_MS);
    expect(await purge.run()).toEqual({ marked: 0, rejoined: 1, purged: 0 });
    now = new Date(now.getTime() + 2 * DAY_MS);
    expect(await purge.run()).toEqual({ marked: 0, rejoined: 0, purged: 1 });

    const users = await db.selectFrom('users').select('id').execute();
    const ids = users.map((u) => u.id);
    expect(ids).not.toContain(leaver.userId);
    for (const kept of [owner, returner, stayer]) expect(ids).toContain(kept.userId);
    expect(
      await db
        .selectFrom('login_events')
        .select('id')
        .where('user_id', '=', leaver.userId)
        .execute(),
    ).toEqual([]);
    const acted = await db
      .selectFrom('audit_events')
      .select(['actor_id', 'ip'])
      .where('actor_id', '=', leaver.userId)
      .execute();
    expect(acted.length).toBeGreaterThan(0);
    for (const event of acted) expect(event.ip).toBeNull();
    await h.http
      .post('/v1/auth/login')
      .send({ email: leaver.email, password: 'x'.repeat(12) })
      .expect(401);
  });
});
