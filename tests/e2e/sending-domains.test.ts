import { Resolver } from 'node:dns/promises';
import type { TestAccount } from '@herald/api/testing';
import { type DnsSink, startDnsSink } from '@herald/devkit';
import { eventually } from '@herald/devkit/testing';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';

type DnsRecord = { purpose: string; type: string; name: string; value: string; status: string };

/**
 * Sending domains (issue 16, item 4) through the HTTP API, a DNS server of the test's own that
 * answers for its zone (asked through node's resolver, as real DNS would be) and the real local
 * SMTP server: an organisation adds a domain and gets a DKIM key and the records to publish;
 * live keys may not send from it until the records are found; test keys may; and every email
 * from it arrives signed with its key, which an independent DKIM verifier (mailauth) accepts
 * against the published record.
 */
describe('sending domains with DKIM', () => {
  let dns: DnsSink;
  let p: Platform;
  let account: TestAccount;
  let testKey: Record<string, string>;
  const domain = 'mail.acme.test';
  beforeAll(async () => {
    dns = await startDnsSink();
    p = await startPlatform({
      channels: ['email'],
      sendingDomains: {
        spfInclude: 'spf.herald.test',
        returnPathHost: 'bounces.herald.test',
        servers: [dns.server],
      },
    });
    account = await p.api.newAccount('Acme');
    const created = await p.api.built.deps.services.accounts.createApiKey(account.id, {
      name: 'test',
      mode: 'test',
    });
    testKey = { Authorization: `Bearer ${created.secret}` };
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await p.close();
    await dns?.close();
  });

  const send = (auth: Record<string, string>, from = `news@${domain}`) =>
    p.api.http
      .post('/v1/messages')
      .set(auth)
      .send({ channel: 'email', to: 'ada@example.com', from, subject: 'Hi', text: 'Signed' });
  const verifyDkim = async (raw: Buffer) => {
    const resolver = new Resolver();
    resolver.setServers([dns.server]);
    // DKIM asks only for TXT records (the selector's key).
    const result = await dkimVerify(raw, { resolver: (name: string) => resolver.resolveTxt(name) });
    return result.results;
  };
  let records: DnsRecord[];

  it('adding a domain answers its DKIM key and the records to publish; it is pending', async () => {
    const res = await p.api.http
      .post('/v1/sender-domains')
      .set(account.auth)
      .send({ domain: 'Mail.Acme.TEST' })
      .expect(201);
    expect(res.body).toMatchObject({ domain, status: 'pending', added_by: 'organisation' });
    records = res.body.dns_records;
    expect(records.map((r) => [r.purpose, r.type, r.status])).toEqual([
      ['dkim', 'TXT', 'not_checked'],
      ['spf', 'TXT', 'not_checked'],
      ['dmarc', 'TXT', 'not_checked'],
      ['return_path', 'CNAME', 'not_checked'],
    ]);
    expect(records[0]!.name).toMatch(/^herald-[a-z0-9]+\._domainkey\.mail\.acme\.test$/);
    expect(records[0]!.value).toMatch(/^v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]{300,}$/);
    expect(records[1]).toMatchObject({
      name: domain,
      value: 'v=spf1 include:spf.herald.test ~all',
    });
    const again = await p.api.http
      .post('/v1/sender-domains')
      .set(account.auth)
      .send({ domain })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'sender_domain_exists', param: 'domain' });
    // The private key is sealed: the account store holds no PEM.
    const row = await p.api.t.stores.account
      .selectFrom('sender_domains')
      .selectAll()
      .where('domain', '=', domain)
      .executeTakeFirstOrThrow();
    expect(row.dkim_private_key_sealed!.toString('latin1')).not.toContain('PRIVATE KEY');
  });

  it('a live key may not send from it yet (domain_not_verified); a test key may, and the email is signed', async () => {
    const refused = await send(account.auth).expect(422);
    expect(refused.body).toMatchObject({ code: 'domain_not_verified', param: 'from' });
    expect(refused.body.detail).toContain(domain);
    const accepted = await send(testKey).expect(202);
    await waitForStatus(p, testKey, accepted.body.id, 'sent');
    const mail = await eventually(() =>
      p.sinks.smtp.received.find((m) => m.from === `news@${domain}`),
    );
    expect(mail.rawHeaders['dkim-signature']).toMatch(/d=mail\.acme\.test/);
    // Nothing published yet: the signature cannot be checked.
    const [result] = await verifyDkim(mail.raw);
    expect(result!.status.result).not.toBe('pass');
  });

  it('verify looks the records up: pending until DKIM and SPF are published, then verified', async () => {
    const first = await p.api.http
      .post(`/v1/sender-domains/${domain}/verify`)
      .set(account.auth)
      .expect(200);
    expect(first.body.status).toBe('pending');
    expect(first.body.dns_records.map((r: DnsRecord) => r.status)).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    // Only DKIM: still pending. An SPF record among others, with the include: verified.
    dns.publish(records[0]!.name, [{ type: 'TXT', value: records[0]!.value }]);
    const dkimOnly = await p.api.http
      .post(`/v1/sender-domains/${domain}/verify`)
      .set(account.auth)
      .expect(200);
    expect(dkimOnly.body.status).toBe('pending');
    dns.publish(domain, [
      { type: 'TXT', value: 'google-site-verification=abc' },
      { type: 'TXT', value: 'v=spf1 include:_spf.example.net include:spf.herald.test ~all' },
    ]);
    const verified = await p.api.http
      .post(`/v1/sender-domains/${domain}/verify`)
      .set(account.auth)
      .expect(200);
    expect(verified.body).toMatchObject({ status: 'verified', verified_at: expect.any(String) });
    expect(verified.body.dns_records.map((r: DnsRecord) => r.status)).toEqual([
      'verified',
      'verified',
      'pending',
      'pending',
    ]);
  });

  it('verified, a live key sends from it, and an independent DKIM verifier passes the signature', async () => {
    const sent = await send(account.auth).expect(202);
    await waitForStatus(p, account.auth, sent.body.id, 'sent');
    const mails = p.sinks.smtp.received.filter((m) => m.from === `news@${domain}`);
    const mail = mails.at(-1)!;
    const [result] = await verifyDkim(mail.raw);
    expect(result!.status.result).toBe('pass');
    expect(result!.signingDomain).toBe(domain);
  });

  it('removed, the domain may not be used again, by either key', async () => {
    await p.api.http.delete(`/v1/sender-domains/${domain}`).set(account.auth).expect(204);
    expect((await send(account.auth).expect(422)).body.code).toBe('sender_domain_not_allowed');
    expect((await send(testKey).expect(422)).body.code).toBe('sender_domain_not_allowed');
    await p.api.http.delete(`/v1/sender-domains/${domain}`).set(account.auth).expect(404);
  });
});
