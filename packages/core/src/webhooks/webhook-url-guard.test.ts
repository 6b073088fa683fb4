import { isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import { staticResolver } from './static-resolver.js';
import {
  checkWebhookUrl,
  forbiddenAddressReason,
  guardedLookup,
  WebhookUrlRefused,
} from './webhook-url-guard.js';

const resolve = staticResolver({
  'public.example': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'internal.example': ['10.0.0.5'],
  'mixed.example': ['93.184.216.34', '192.168.1.10'],
  localhost: ['127.0.0.1', '::1'],
});
const production = { allowHttpLoopback: false, resolve };
const development = { allowHttpLoopback: true, resolve };

const refusal = async (url: string, options = production) => {
  try {
    await checkWebhookUrl(url, options);
    return 'accepted';
  } catch (error) {
    if (!(error instanceof WebhookUrlRefused)) throw error;
    return error.kind;
  }
};

describe('the webhook URL guard', () => {
  it.each([
    ['127.0.0.1'],
    ['10.1.2.3'],
    ['172.16.0.1'],
    ['172.31.255.255'],
    ['192.168.0.1'],
    ['169.254.169.254'],
    ['100.64.0.1'],
    ['0.0.0.0'],
    ['255.255.255.255'],
    ['224.0.0.1'],
    ['192.0.2.10'],
    ['198.51.100.7'],
    ['203.0.113.9'],
    ['198.18.0.1'],
    ['240.0.0.1'],
    ['::1'],
    ['::'],
    ['fe80::1'],
    ['fc00::1'],
    ['fd00:ec2::254'],
    ['ff02::1'],
    ['2001:db8::1'],
    ['::ffff:127.0.0.1'],
    ['::ffff:10.0.0.1'],
    ['::ffff:169.254.169.254'],
    ['64:ff9b::a00:1'],
    ['2002:a00:1::1'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2'],
    ['::7f00:1'],
  ])('%s is not public', (address) => {
    expect(forbiddenAddressReason(address)).not.toBeNull();
  });

  it.each([
    ['93.184.216.34'],
    ['8.8.8.8'],
    ['2606:4700:4700::1111'],
    ['::ffff:8.8.8.8'],
    ['2002:808:808::1'],
  ])('%s is public', (address) => {
    expect(forbiddenAddressReason(address)).toBeNull();
  });

  it('accepts an https URL whose every address is public', async () => {
    expect(await refusal('https://public.example/hooks?x=1')).toBe('accepted');
  });

  it.each([
    ['http://public.example/', 'url_forbidden'],
    ['ftp://public.example/', 'url_forbidden'],
    ['https://user:pass@public.example/', 'url_forbidden'],
    ['not a url', 'url_forbidden'],
    ['https://internal.example/', 'address_forbidden'],
    ['https://mixed.example/', 'address_forbidden'],
    ['https://nowhere.example/', 'dns_failed'],
    ['https://localhost/', 'address_forbidden'],
    ['https://2130706433/', 'address_forbidden'],
    ['https://0x7f.1/', 'address_forbidden'],
    ['https://017700000001/', 'address_forbidden'],
    ['https://127.1/', 'address_forbidden'],
    ['https://[::1]/', 'address_forbidden'],
    ['https://[::ffff:127.0.0.1]/', 'address_forbidden'],
    ['https://169.254.169.254/latest/meta-data/', 'address_forbidden'],
  ])('in production, %s is refused (%s)', async (url, kind) => {
    expect(await refusal(url)).toBe(kind);
  });

  it('in development, http reaches loopback only, and private ranges stay refused', async () => {
    expect(await refusal('http://127.0.0.1:4000/hook', development)).toBe('accepted');
    expect(await refusal('http://localhost:4000/hook', development)).toBe('accepted');
    expect(await refusal('http://[::1]:4000/', development)).toBe('accepted');
    expect(await refusal('http://public.example/', development)).toBe('url_forbidden');
    expect(await refusal('http://internal.example/', development)).toBe('address_forbidden');
    expect(await refusal('https://10.0.0.1/', development)).toBe('address_forbidden');
  });

  it('the connect-time lookup refuses a name that now resolves privately, and passes checked addresses on', async () => {
    let answer = ['93.184.216.34'];
    const lookup = guardedLookup('https:', {
      allowHttpLoopback: false,
      resolve: async () => answer.map((address) => ({ address, family: isIP(address) })),
    });
    const call = (options: { all?: boolean; family?: number }) =>
      new Promise<unknown>((ok, fail) =>
        (
          lookup as unknown as (
            h: string,
            o: object,
            cb: (e: Error | null, a: unknown) => void,
          ) => void
        )('rebind.example', options, (error, address) => (error ? fail(error) : ok(address))),
      );
    expect(await call({ all: true })).toEqual([{ address: '93.184.216.34', family: 4 }]);
    expect(await call({})).toBe('93.184.216.34');
    answer = ['127.0.0.1'];
    await expect(call({ all: true })).rejects.toMatchObject({ kind: 'address_forbidden' });
  });
});
