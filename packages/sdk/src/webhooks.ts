import { WebhookVerificationError } from './errors.js';
import { webCrypto } from './runtime.js';
import type { WebhookEvent } from './types.js';

/** Request headers as Fetch (`Headers`), Node (`IncomingHttpHeaders`) or a plain object has them. */
export type WebhookHeaders =
  | { get(name: string): string | null }
  | Record<string, string | string[] | undefined>;

export type VerifyOptions = {
  /** How far `webhook-timestamp` may be from now, in seconds (default 300), against replays. */
  tolerance?: number;
  /** "Now", for tests. */
  now?: Date;
};

const encoder = new TextEncoder();

/**
 * Checks the Standard Webhooks signature of a delivery (an endpoint's event or a message's
 * `status_callback`). Verifying uses Web Crypto, which is asynchronous: `verify` returns a
 * promise. It works the same on Node 18+, Bun, Deno and edge runtimes.
 */
export class Webhooks {
  /**
   * Verifies a delivery and returns its event. Pass the body exactly as received (the raw text
   * or bytes, not re-serialised JSON), the request's headers, and the endpoint's `whsec_…`
   * secret. Throws `WebhookVerificationError` when the headers are missing, the timestamp is
   * more than `tolerance` seconds away, or no signature matches. Async (Web Crypto).
   *
   * @example
   * app.post('/herald-events', express.raw({ type: 'application/json' }), async (req, res) => {
   *   const event = await Herald.webhooks.verify(req.body, req.headers, process.env.HERALD_WEBHOOK_SECRET!);
   *   if (event.type === 'message.delivered') console.log(event.data.message.id);
   *   res.sendStatus(204);
   * });
   */
  async verify(
    payload: string | Uint8Array | ArrayBuffer,
    headers: WebhookHeaders,
    secret: string,
    options: VerifyOptions = {},
  ): Promise<WebhookEvent> {
    const id = header(headers, 'webhook-id');
    const timestamp = header(headers, 'webhook-timestamp');
    const signatures = header(headers, 'webhook-signature');
    if (!id || !timestamp || !signatures)
      throw failure(
        'missing_headers',
        'The webhook-id, -timestamp or -signature header is missing.',
      );
    const sentAt = Number(timestamp);
    const now = (options.now ?? new Date()).getTime() / 1000;
    if (!/^\d+$/.test(timestamp) || Math.abs(now - sentAt) > (options.tolerance ?? 300))
      throw failure('timestamp_out_of_range', 'The webhook-timestamp is too old or in the future.');

    const body = bytesOf(payload);
    const signed = concat(encoder.encode(`${id}.${timestamp}.`), body);
    const { subtle } = await webCrypto();
    const key = await subtle.importKey(
      'raw',
      keyBytes(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    for (const entry of signatures.split(' ')) {
      const [version, signature] = entry.split(',');
      if (version !== 'v1' || !signature) continue;
      const candidate = base64Bytes(signature);
      // subtle.verify compares in constant time.
      if (candidate && (await subtle.verify('HMAC', key, candidate, signed)))
        return JSON.parse(new TextDecoder().decode(body)) as WebhookEvent;
    }
    throw failure('invalid_signature', 'No webhook-signature matches this payload and secret.');
  }
}

function failure(code: string, message: string): WebhookVerificationError {
  return new WebhookVerificationError(message, { code });
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof headers.get === 'function')
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value.join(' ') : value;
}

function bytesOf(payload: string | Uint8Array | ArrayBuffer): Uint8Array {
  if (typeof payload === 'string') return encoder.encode(payload);
  return payload instanceof Uint8Array ? payload : new Uint8Array(payload);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** A `whsec_` secret is base64 after its prefix, as Standard Webhooks defines it. */
function keyBytes(secret: string): Uint8Array<ArrayBuffer> {
  const bytes = base64Bytes(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret);
  if (!bytes)
    throw failure('invalid_secret', 'The secret is not a whsec_… Standard Webhooks secret.');
  return bytes;
}

function base64Bytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}
