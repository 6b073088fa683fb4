import {
  type ApiHarness,
  OPERATOR_TOKEN,
  type SessionClient,
  startApiHarness,
  tokenFrom,
} from '@herald/api/testing';
import {
  AccountClosureService,
  BestEffort,
  type Clock,
  ContentVault,
  createAccountRetentionProcessor,
} from '@herald/core';
import { captureLogger, dumpDatabase, encodingsOf } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DAY = 24 * 60 * 60 * 1000;
const YEAR = 365.25 * DAY;
const tag = Math.random().toString(36).slice(2, 8);

/** Closing an organisation: shredded at once, purged after the grace period, records kept without personal data. */
describe('closing an organisation', () => {
  let h: ApiHarness;
  let owner: SessionClient;
  let admin: SessionClient;
  let stayer: SessionClient; // also owns another organisation: must survive the purge
  let secret: string;
  const name = `Zephyr Closing ${tag}`;
  const people = {
    ownerName: `Xenia Quist ${tag}`,
    ownerEmail: `xenia.${tag}@closing.example.org`,
    stayerEmail: `yusuf.${tag}@staying.example.org`,
  };
  const recipients = { sms: '+14155559876', email: `reader.${tag}@recipient.example.net` };
  const bodies = { sms: `Secret SMS body ${tag}`, email: `Closing email body ${tag}` };
  let now = new Date();
  const clock: Clock = { now: () => now };
  const runAccountJob = () =>
    createAccountRetentionProcessor({
      account: h.t.stores.account,
      usage: h.t.stores.usage,
      content: h.t.stores.content,
      clock,
      logger: captureLogger().logger,
      batchSize: 2,
    })();

  const closures = () =>
    new AccountClosureService({
      ...h.t.stores,
      audit: h.built.deps.services.audit,
      bestEffort: new BestEffort({ logger: captureLogger().logger }),
      clock,
    });

  beforeAll(async () => {
    h = await startApiHarness();
    owner = await h.signUp({
      name: people.ownerName,
      email: people.ownerEmail,
      organization_name: name,
    });
    admin = await h.addMember(owner, 'admin');
    stayer = await h.signUp({ email: people.stayerEmail, organization_name: `Staying ${tag}` });
    await owner
      .send('post', '/v1/invitations')
      .send({ email: people.stayerEmail, role: 'developer' })
      .expect(201);
    // The last email to them (the first asked them to verify their address).
    const invite = (await h.systemEmails()).filter((m) => m.to === people.stayerEmail).at(-1)!;
    await h.http
      .post('/v1/auth/invitations/accept')
      .send({ token: tokenFrom(invite.text), password: 'correct horse battery staple' })
      .expect(200);
    secret = (
      await owner
        .send('post', '/v1/api-keys')
        .send({ name: `Key of ${people.ownerName}` })
        .expect(201)
    ).body.secret;
    const auth = { Authorization: `Bearer ${secret}` };
    await h.http
      .post('/v1/messages')
      .set(auth)
      .send({ channel: 'sms', to: recipients.sms, body: bodies.sms })
      .expect(202);
    await h.http
      .post('/v1/messages')
      .set(auth)
      .send({ channel: 'email', to: recipients.email, subject: 'Hello', text: bodies.email })
      .expect(202);
    await h.http
      .post('/v1/suppressions')
      .set(auth)
      .send({ channel: 'email', identifier: `other.${tag}@example.net` })
      .expect(201);
    await h.http.post('/v1/phone-numbers').set(auth).send({ number: '+15005550006' }).expect(201);
  });
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await h.close();
  });

  const ciphertexts = () =>
    h.t.stores.content
      .selectFrom('message_contents')
      .selectAll()
      .where('account_id', '=', owner.accountId)
      .execute();

  it('shreds the content at once: the key is gone, and a copy of the ciphertext kept elsewhere cannot be opened', async () => {
    const copies = await ciphertexts();
    expect(copies).toHaveLength(2);
    const res = await owner.send('delete', '/v1/account').send({ confirm: name }).expect(202);
    now = new Date(res.body.requested_at);

    const keys = await h.t.stores.content
      .selectFrom('data_keys')
      .select('account_id')
      .where('account_id', '=', owner.accountId)
      .execute();
    expect(keys).toEqual([]);
    expect(await ciphertexts()).toEqual([]);
    // As if restored from a backup: the bytes are back, the key is not.
    await h.t.stores.content.insertInto('message_contents').values(copies).execute();
    const vault = new ContentVault({ content: h.t.stores.content, masterKey: h.masterKey });
    for (const copy of copies) {
      expect(await vault.read(owner.accountId, copy.message_id)).toBeNull();
    }
    const sent = await h.http
      .post('/v1/messages')
      .set('Authorization', `Bearer ${secret}`)
      .send({ channel: 'sms', to: recipients.sms, body: 'x' });
    expect(sent.body.code).toBe('api_key_revoked');
  });

  it('nothing more goes during the grace period, nor after it while a legal hold is on', async () => {
    now = new Date(now.getTime() + 29 * DAY);
    expect((await runAccountJob()).purged).toEqual([]);
    // (The job, 29 days on, also ended the owner's session: the closing is read from the service.)
    expect((await closures().get(owner.accountId)).status).toBe('closing');

    const hold = `/v1/operator/accounts/${owner.accountId}/legal-hold`;
    const operator = { Authorization: `Bearer ${OPERATOR_TOKEN}` };
    await h.http
      .put(hold)
      .set(operator)
      .send({ legal_hold: true, reason: 'Tax audit' })
      .expect(200);
    now = new Date(now.getTime() + 2 * DAY);
    expect((await runAccountJob()).purged).toEqual([]);
    const messages = await h.t.stores.usage
      .selectFrom('messages')
      .select('id')
      .where('account_id', '=', owner.accountId)
      .execute();
    expect(messages).toHaveLength(2);
    await h.http
      .put(hold)
      .set(operator)
      .send({ legal_hold: false, reason: 'Audit over' })
      .expect(200);
  });

  it('after the grace period the job purges it; billing and audit records stay, with no personal data in any store', async () => {
    const report = await runAccountJob();
    expect(report.purged.map((p) => p.accountId)).toEqual([owner.accountId]);
    expect(report.purged[0]).toMatchObject({
      usage: { rows: expect.any(Number) },
      usersDeleted: 2,
    });

    const dumps = await Promise.all(
      [h.t.urls.account, h.t.urls.usage, h.t.urls.content].map(dumpDatabase),
    );
    // The dump does show personal data that is still there: the member of another organisation.
    expect(dumps[0]).toContain(people.stayerEmail);
    for (const text of [
      people.ownerEmail,
      people.ownerName,
      admin.email,
      name,
      recipients.sms,
      recipients.email,
      bodies.sms,
      bodies.email,
    ]) {
      for (const form of encodingsOf(text))
        for (const dump of dumps) expect(dump).not.toContain(form);
    }
    // The person who also belongs to another organisation stays, in that one only.
    const memberships = await h.t.stores.account
      .selectFrom('memberships')
      .select('account_id')
      .where('user_id', '=', stayer.userId)
      .execute();
    expect(memberships).toEqual([{ account_id: stayer.accountId }]);

    const account = await h.built.deps.services.accounts.getAccount(owner.accountId);
    expect([account.name, account.status]).toEqual(['closed account', 'closed']);
    const billing = await h.t.stores.account
      .selectFrom('billing_records')
      .select(['channel', 'direction', 'messages'])
      .where('account_id', '=', owner.accountId)
      .orderBy('channel')
      .execute();
    expect(billing).toEqual([
      { channel: 'email', direction: 'outbound', messages: '1' },
      { channel: 'sms', direction: 'outbound', messages: '1' },
    ]);
    const audit = await h.t.stores.account
      .selectFrom('audit_events')
      .select(['action', 'ip', 'details'])
      .where('account_id', '=', owner.accountId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'account.created',
        'member.joined',
        'api_key.created',
        'account.closed',
        'account.purged',
      ]),
    );
    expect(audit.every((a) => a.ip === null)).toBe(true);
    expect(audit.find((a) => a.action === 'api_key.created')!.details).toEqual({
      mode: 'live',
      scope: 'full',
    });
    expect(audit.find((a) => a.action === 'retention.legal_hold_set')!.details).toEqual({
      legal_hold: true,
    });

    const closure = await closures().get(owner.accountId);
    expect(closure.status).toBe('purged');
    expect(
      closure.kept.map((k) => [
        k.category,
        Math.round((k.keptUntil.getTime() - now.getTime()) / YEAR),
      ]),
    ).toEqual([
      ['billing', 10],
      ['audit', 6],
    ]);
    // Its people cannot log in to it any more.
    await h.http
      .post('/v1/auth/login')
      .send({ email: people.ownerEmail, password: 'correct horse battery staple' })
      .expect(401);
  });

  it('the kept records go at the end of their periods: the audit log after 6 years, billing after 10', async () => {
    const count = async () => ({
      audit: (
        await h.t.stores.account
          .selectFrom('audit_events')
          .select('id')
          .where('account_id', '=', owner.accountId)
          .execute()
      ).length,
      billing: (
        await h.t.stores.account
          .selectFrom('billing_records')
          .select('month')
          .where('account_id', '=', owner.accountId)
          .execute()
      ).length,
    });
    const purgedAt = now;
    now = new Date(purgedAt.getTime() + 6 * YEAR + DAY);
    expect((await runAccountJob()).expired.auditEvents).toBeGreaterThan(0);
    expect(await count()).toEqual({ audit: 0, billing: 2 });
    now = new Date(purgedAt.getTime() + 10 * YEAR + 32 * DAY);
    await runAccountJob();
    expect(await count()).toEqual({ audit: 0, billing: 0 });
    now = new Date();
  });

  it('cancelled within the grace period, it is active again: old content stays unreadable, new content gets a new key', async () => {
    const other = await h.signUp({ organization_name: `Wavering ${tag}` });
    const key = (await other.send('post', '/v1/api-keys').send({ name: 'w' }).expect(201)).body
      .secret;
    await h.http
      .post('/v1/messages')
      .set('Authorization', `Bearer ${key}`)
      .send({ channel: 'sms', to: recipients.sms, body: 'before' })
      .expect(202);
    const [copy] = await h.t.stores.content
      .selectFrom('message_contents')
      .selectAll()
      .where('account_id', '=', other.accountId)
      .execute();
    const oldKey = await h.t.stores.content
      .selectFrom('data_keys')
      .selectAll()
      .where('account_id', '=', other.accountId)
      .executeTakeFirstOrThrow();

    await other
      .send('delete', '/v1/account')
      .send({ confirm: `Wavering ${tag}` })
      .expect(202);
    const reopened = await other.send('delete', '/v1/account/closure').expect(200);
    expect(reopened.body.status).toBe('active');

    // A vault of its own: the API's keeps a key 30 seconds after its row is gone.
    const vault = new ContentVault({ content: h.t.stores.content, masterKey: h.masterKey });
    await vault.store(other.accountId, 'msg_after_reopening', { channel: 'sms', body: 'after' });
    expect(await vault.read(other.accountId, 'msg_after_reopening')).toEqual({
      channel: 'sms',
      body: 'after',
    });
    const newKey = await h.t.stores.content
      .selectFrom('data_keys')
      .selectAll()
      .where('account_id', '=', other.accountId)
      .executeTakeFirstOrThrow();
    expect(newKey.wrapped_key.equals(oldKey.wrapped_key)).toBe(false);
    await h.t.stores.content.insertInto('message_contents').values(copy!).execute();
    expect(await vault.read(other.accountId, copy!.message_id).catch(() => null)).toBeNull();
  });
});
