import { createHmac, randomBytes } from 'node:crypto';
import { open, seal } from '../platform/crypto/aead.js';
import type { MasterKey } from '../platform/crypto/master-key.js';

/*
 * Standard Webhooks (standardwebhooks.com): secrets are `whsec_` + base64 of random bytes; the
 * signature is base64(HMAC-SHA256(secret bytes, "{webhook-id}.{webhook-timestamp}.{body}")),
 * sent as `v1,<signature>`, several separated by spaces.
 */

const SECRET_PREFIX = 'whsec_';
/** 24 bytes, the size Standard Webhooks' reference libraries generate (base64 without padding). */
const SECRET_BYTES = 24;

export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
}

/** Seals a secret with the master key; the AAD says what it is for, so it cannot be moved. */
export function sealWebhookSecret(masterKey: MasterKey, secret: string, aad: string): Buffer {
  return seal(masterKey.key, Buffer.from(secret, 'utf8'), aad);
}

export function openWebhookSecret(masterKey: MasterKey, sealed: Buffer, aad: string): string {
  return open(masterKey.key, sealed, aad).toString('utf8');
}

export function endpointSecretAad(accountId: string, endpointId: string): string {
  return `herald:webhook-secret:${accountId}:${endpointId}`;
}

export function signingSecretAad(accountId: string): string {
  return `herald:signing-secret:${accountId}`;
}

export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/**
 * The three Standard Webhooks headers for one delivery. Each secret signs once, so during a
 * rotation's overlap a receiver holding either secret can verify.
 */
export function signWebhook(input: {
  id: string;
  timestamp: Date;
  payload: string;
  secrets: readonly string[];
}): WebhookHeaders {
  if (input.secrets.length === 0) throw new Error('no secret to sign with');
  const seconds = String(Math.floor(input.timestamp.getTime() / 1000));
  const signed = `${input.id}.${seconds}.${input.payload}`;
  const signatures = input.secrets.map((secret) => {
    const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(6) : secret, 'base64');
    return `v1,${createHmac('sha256', key).update(signed, 'utf8').digest('base64')}`;
  });
  return {
    'webhook-id': input.id,
    'webhook-timestamp': seconds,
    'webhook-signature': signatures.join(' '),
  };
}
