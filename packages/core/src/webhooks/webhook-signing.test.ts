import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateMasterKey, parseMasterKey } from '../platform/crypto/master-key.js';
import {
  endpointSecretAad,
  generateWebhookSecret,
  openWebhookSecret,
  sealWebhookSecret,
  signWebhook,
} from './webhook-signing.js';

/** Herald's signatures, checked by the independent Standard Webhooks verifier (`standardwebhooks`). */
describe('webhook signatures', () => {
  const secret = generateWebhookSecret();
  const payload = JSON.stringify({ id: 'evt_42', type: 'message.sent', data: { ok: 'ünï ✓' } });
  const signed = (secrets = [secret], timestamp = new Date()) =>
    signWebhook({ id: 'evt_42', timestamp, payload, secrets });

  it('secrets are whsec_ and 24 random bytes, base64', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('a signed delivery verifies, and the verifier returns the body', () => {
    expect(new Webhook(secret).verify(payload, signed())).toEqual(JSON.parse(payload));
  });

  it('a tampered webhook-id is rejected', () => {
    const headers = { ...signed(), 'webhook-id': 'evt_43' };
    expect(() => new Webhook(secret).verify(payload, headers)).toThrow('No matching signature');
  });

  it('a tampered webhook-timestamp is rejected', () => {
    const headers = signed();
    const shifted = {
      ...headers,
      'webhook-timestamp': String(Number(headers['webhook-timestamp']) - 1),
    };
    expect(() => new Webhook(secret).verify(payload, shifted)).toThrow('No matching signature');
  });

  it('a tampered body is rejected', () => {
    expect(() => new Webhook(secret).verify(payload.replace('42', '24'), signed())).toThrow(
      'No matching signature',
    );
  });

  it('an old timestamp is rejected (replay), as is another secret', () => {
    const old = signed([secret], new Date(Date.now() - 10 * 60_000));
    expect(() => new Webhook(secret).verify(payload, old)).toThrow('too old');
    expect(() => new Webhook(generateWebhookSecret()).verify(payload, signed())).toThrow();
  });

  it('during a rotation both secrets sign, and a receiver holding either one verifies', () => {
    const next = generateWebhookSecret();
    const headers = signed([next, secret]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(headers['webhook-signature']).toMatch(/^v1,\S+ v1,\S+$/);
    expect(new Webhook(next).verify(payload, headers)).toBeTruthy();
    expect(new Webhook(secret).verify(payload, headers)).toBeTruthy();
  });

  it('a sealed secret opens only with its master key and for its own endpoint', () => {
    const masterKey = parseMasterKey(generateMasterKey());
    const aad = endpointSecretAad('acc_1', 'whe_1');
    const sealed = sealWebhookSecret(masterKey, secret, aad);
    expect(sealed.toString('utf8')).not.toContain(secret.slice(6));
    expect(openWebhookSecret(masterKey, sealed, aad)).toBe(secret);
    expect(() =>
      openWebhookSecret(masterKey, sealed, endpointSecretAad('acc_1', 'whe_2')),
    ).toThrow();
    const other = parseMasterKey(generateMasterKey());
    expect(() => openWebhookSecret(other, sealed, aad)).toThrow();
  });
});
