import { staticResolver } from '@herald/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestAccount } from '../testing/api.harness.js';
import { useApiHarness } from '../testing/use-api-harness.js';

/**
 * The SSRF guard at save time, production settings (no loopback). Names resolve through a
 * table of our own, so no DNS query and no connection leaves the machine.
 */
const resolve = staticResolver({
  'hooks.example': ['93.184.216.34'],
  'internal.example': ['10.20.30.40'],
  'mixed.example': ['93.184.216.34', '172.16.5.5'],
  'metadata.example': ['169.254.169.254'],
  'ula.example': ['fd12:3456::1'],
  'cgnat.example': ['100.64.1.1'],
  localhost: ['127.0.0.1', '::1'],
});

describe('webhook URLs that could reach inside are refused at save', () => {
  const h = useApiHarness({ webhooks: { resolve } });
  let account: TestAccount;
  beforeAll(async () => {
    account = await h.newAccount('SSRF');
  });

  const save = (url: string) =>
    h.http.post('/v1/webhook-endpoints').set(account.auth).send({ url });

  it.each([
    ['http://hooks.example/', 'https'],
    ['ftp://hooks.example/', 'https'],
    ['https://user:secret@hooks.example/', 'user name or password'],
    ['https://127.0.0.1/', 'loopback'],
    ['https://localhost/', 'loopback'],
    ['http://2130706433/', ''],
    ['https://2130706433/', 'loopback'],
    ['https://0x7f.1/', 'loopback'],
    ['https://017700000001/', 'loopback'],
    ['https://127.1/', 'loopback'],
    ['https://[::1]/', 'loopback'],
    ['https://[::ffff:127.0.0.1]/', 'loopback'],
    ['https://[::ffff:7f00:1]/', 'loopback'],
    ['https://10.0.0.1/', 'private'],
    ['https://172.16.0.1/', 'private'],
    ['https://192.168.1.1/', 'private'],
    ['https://169.254.169.254/latest/meta-data/', 'link-local'],
    ['https://100.64.0.1/', 'shared'],
    ['https://0.0.0.0/', 'unspecified'],
    ['https://255.255.255.255/', 'broadcast'],
    ['https://224.0.0.1/', 'multicast'],
    ['https://192.0.2.1/', 'reserved'],
    ['https://[fe80::1]/', 'link-local'],
    ['https://[fc00::1]/', 'unique-local'],
    ['https://[ff02::1]/', 'multicast'],
    ['https://[2001:db8::1]/', 'reserved'],
    ['https://[::ffff:10.0.0.1]/', 'private'],
    ['https://[64:ff9b::a00:1]/', 'private'],
    ['https://[2002:a00:1::1]/', 'private'],
    ['https://internal.example/hook', 'private'],
    ['https://mixed.example/hook', 'private'],
    ['https://metadata.example/', 'link-local'],
    ['https://ula.example/', 'unique-local'],
    ['https://cgnat.example/', 'shared'],
    ['https://nowhere.example/', 'does not resolve'],
  ])('%s → 422 webhook_url_forbidden', async (url, reason) => {
    const res = await save(url).expect(422);
    expect(res.body).toMatchObject({ code: 'webhook_url_forbidden', param: 'url' });
    expect(res.body.detail).toContain(reason);
  });

  it('an https URL that resolves only to public addresses is saved', async () => {
    await save('https://hooks.example/hook').expect(201);
  });

  it('a value that is not a URL is refused with the same code', async () => {
    const res = await save('not a url').expect(422);
    expect(res.body).toMatchObject({ code: 'webhook_url_forbidden', param: 'url' });
  });
});
