import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type SessionClient, tokenFrom } from '../testing/session-client.js';
import { useApiHarness } from '../testing/use-api-harness.js';

describe('members, roles and invitations', () => {
  const h = useApiHarness();
  let owner: SessionClient;
  beforeAll(async () => {
    owner = await h.signUp({ email: 'boss@example.com' });
  });

  const invite = async (email: string, role: string) => {
    const res = await owner.send('post', '/v1/invitations').send({ email, role }).expect(201);
    return {
      invitation: res.body,
      token: tokenFrom((await h.systemEmails()).filter((m) => m.to === email).at(-1)!.text),
    };
  };

  it('when an owner invites by email, then the invitee gets a single-use link and joins with the role', async () => {
    const { invitation, token } = await invite('dev@example.com', 'developer');
    expect(invitation).toMatchObject({
      email: 'dev@example.com',
      role: 'developer',
      status: 'pending',
    });
    const mail = (await h.systemEmails()).find((m) => m.to === 'dev@example.com')!;
    expect(mail.subject).toBe('Ada Lovelace invited you to Analytical Engines Ltd on Herald');

    const joined = await h.http
      .post('/v1/auth/invitations/accept')
      .send({ token, name: 'Dev Eloper', password: PASSWORD })
      .expect(200);
    expect(joined.body).toMatchObject({
      role: 'developer',
      user: { email: 'dev@example.com', email_verified: true },
      account: { id: owner.accountId },
    });
    const reused = await h.http
      .post('/v1/auth/invitations/accept')
      .send({ token, name: 'Again', password: PASSWORD })
      .expect(400);
    expect(reused.body.code).toBe('token_invalid');

    const members = await owner.send('get', '/v1/members').expect(200);
    expect(
      members.body.data.map((m: { email: string; role: string }) => [m.email, m.role]),
    ).toEqual([
      ['boss@example.com', 'owner'],
      ['dev@example.com', 'developer'],
    ]);
    expect((await owner.send('get', '/v1/invitations')).body.data).toEqual([]);
  });

  it('when an invitation has expired or was revoked, then its link is refused', async () => {
    const late = await invite('late@example.com', 'viewer');
    await h.t.stores.account
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', late.invitation.id)
      .execute();
    expect(
      (
        await h.http
          .post('/v1/auth/invitations/accept')
          .send({ token: late.token, name: 'L', password: PASSWORD })
      ).body.code,
    ).toBe('token_expired');

    const revoked = await invite('revoked@example.com', 'viewer');
    await owner.send('delete', `/v1/invitations/${revoked.invitation.id}`).expect(204);
    expect(
      (
        await h.http
          .post('/v1/auth/invitations/accept')
          .send({ token: revoked.token, name: 'R', password: PASSWORD })
      ).body.code,
    ).toBe('token_invalid');
    expect((await owner.send('delete', `/v1/invitations/${revoked.invitation.id}`)).body.code).toBe(
      'invitation_not_found',
    );
  });

  it('when an existing user accepts, then they prove their password and keep one user across organisations', async () => {
    const elsewhere = await h.signUp({ email: 'multi@example.com' });
    const { token } = await invite('multi@example.com', 'viewer');
    const wrong = await h.http
      .post('/v1/auth/invitations/accept')
      .send({ token, password: 'not the password' })
      .expect(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    const joined = await h.http
      .post('/v1/auth/invitations/accept')
      .send({ token, password: PASSWORD })
      .expect(200);
    expect(joined.body.user.id).toBe(elsewhere.userId);
    expect(joined.body.account.id).toBe(owner.accountId);
  });

  it('when a member is already in, then inviting them is 409 already_member', async () => {
    const res = await owner
      .send('post', '/v1/invitations')
      .send({ email: 'dev@example.com', role: 'admin' })
      .expect(409);
    expect(res.body.code).toBe('already_member');
  });

  it('when a role changes, then the member is logged out of the organisation and comes back with the new role', async () => {
    const member = await h.addMember(owner, 'viewer');
    await member.send('get', '/v1/members').expect(200);
    const changed = await owner
      .send('patch', `/v1/members/${member.userId}`)
      .send({ role: 'admin' })
      .expect(200);
    expect(changed.body.role).toBe('admin');
    expect((await member.send('get', '/v1/members')).status).toBe(401);
    const again = await h.logIn(member.email);
    await again.send('get', '/v1/invitations').expect(200);
  });

  it('when the last owner would be demoted or removed, then 409 last_owner', async () => {
    expect(
      (await owner.send('patch', `/v1/members/${owner.userId}`).send({ role: 'admin' })).body.code,
    ).toBe('last_owner');
    expect((await owner.send('delete', `/v1/members/${owner.userId}`)).body.code).toBe(
      'last_owner',
    );
  });

  it('when an admin tries to touch an owner or make one, then 403 forbidden', async () => {
    const admin = await h.addMember(owner, 'admin');
    expect(
      (await admin.send('patch', `/v1/members/${owner.userId}`).send({ role: 'viewer' })).body.code,
    ).toBe('forbidden');
    expect((await admin.send('delete', `/v1/members/${owner.userId}`)).body.code).toBe('forbidden');
    expect(
      (await admin.send('post', '/v1/invitations').send({ email: 'x@example.com', role: 'owner' }))
        .body.code,
    ).toBe('forbidden');
  });

  it('when a second owner exists, then an owner can step down, and a removed member loses access at once', async () => {
    const second = await h.addMember(owner, 'owner');
    await second.send('patch', `/v1/members/${owner.userId}`).send({ role: 'admin' }).expect(200);
    await second.send('patch', `/v1/members/${owner.userId}`).send({ role: 'owner' }).expect(200);
    owner = await h.logIn('boss@example.com');
    await owner.send('delete', `/v1/members/${second.userId}`).expect(204);
    expect((await second.send('get', '/v1/me')).status).toBe(401);
  });

  it("when another organisation's member or invitation is named, then 404 and nothing changes", async () => {
    const stranger = await h.signUp({ email: 'stranger@example.com' });
    expect(
      (await owner.send('patch', `/v1/members/${stranger.userId}`).send({ role: 'viewer' })).body
        .code,
    ).toBe('member_not_found');
    expect((await owner.send('delete', `/v1/members/${stranger.userId}`)).body.code).toBe(
      'member_not_found',
    );
    const theirs = await stranger
      .send('post', '/v1/invitations')
      .send({ email: 'theirs@example.com', role: 'viewer' })
      .expect(201);
    expect((await owner.send('delete', `/v1/invitations/${theirs.body.id}`)).body.code).toBe(
      'invitation_not_found',
    );
    expect((await stranger.send('get', '/v1/invitations')).body.data).toHaveLength(1);
  });

  it('every change is in the audit log, with its actor and IP', async () => {
    const audit = await owner.send('get', '/v1/audit-events?limit=100').expect(200);
    const actions = audit.body.data.map((e: { action: string }) => e.action);
    for (const action of [
      'account.created',
      'member.invited',
      'member.joined',
      'invitation.revoked',
      'member.role_changed',
      'member.removed',
    ]) {
      expect(actions).toContain(action);
    }
    const changed = audit.body.data.find(
      (e: { action: string }) => e.action === 'member.role_changed',
    );
    expect(changed).toMatchObject({
      actor_type: 'user',
      ip: expect.any(String),
      details: { from: expect.any(String), to: expect.any(String) },
    });
  });
});
