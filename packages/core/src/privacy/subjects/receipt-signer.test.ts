import { createPublicKey, verify } from 'node:crypto';
import { createTestStores, type TestStores, testMasterKey } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../platform/crypto/canonical-json.js';
import { parseMasterKey } from '../../platform/crypto/master-key.js';
import { ReceiptSigner } from './receipt-signer.js';

describe('ReceiptSigner', () => {
  let t: TestStores;
  const masterKey = testMasterKey();
  beforeAll(async () => {
    t = await createTestStores();
  });
  afterAll(() => t.drop());

  it('signs with one Ed25519 key, made once and stored only wrapped; anyone verifies with the public PEM', async () => {
    const payload = canonicalJson({ b: 1, a: { d: [2, 1], c: 'x' } });
    expect(payload).toBe('{"a":{"c":"x","d":[2,1]},"b":1}');
    const first = new ReceiptSigner({ usage: t.stores.usage, masterKey });
    const second = new ReceiptSigner({ usage: t.stores.usage, masterKey });
    const [one, two] = await Promise.all([first.sign(payload), second.sign(payload)]);
    const pem = await second.publicKeyPem();
    expect(pem).toBe(await first.publicKeyPem());
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    for (const signature of [one, two])
      expect(
        verify(null, Buffer.from(payload), createPublicKey(pem), Buffer.from(signature, 'base64')),
      ).toBe(true);
    expect(await first.verify(`${payload} `, one)).toBe(false);

    const rows = await t.stores.usage.selectFrom('herald_keys').selectAll().execute();
    const row = rows.find((r) => r.name === 'receipt-ed25519')!;
    expect(row.kek_id).toBe(masterKey.id);
    // PKCS#8 Ed25519 starts 302e0201; wrapped, it must not.
    expect(row.wrapped_key.subarray(12, 16).toString('hex')).not.toBe('302e0201');
  });

  it('refuses to sign under another master key instead of making a second key', async () => {
    const other = new ReceiptSigner({
      usage: t.stores.usage,
      masterKey: parseMasterKey(Buffer.alloc(32, 5).toString('base64')),
    });
    await expect(other.sign('x')).rejects.toThrow(/master key/);
  });
});
