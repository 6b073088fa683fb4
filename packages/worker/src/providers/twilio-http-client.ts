import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import https from 'node:https';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

// Twilio's Response class cannot be named from ESM (its .d.ts is a CommonJS `export default`):
// it is taken from the signature of the method this client overrides.
type TwilioResponse<TData> = Awaited<ReturnType<typeof RequestClient.prototype.request<TData>>>;
type Headers = Record<string, string | string[] | undefined>;

// Twilio's RestException keeps the status and code but drops the response headers, so the
// Retry-After of a 429 would be lost. The client files each response's headers in the slot of
// the send that made it; AsyncLocalStorage keeps concurrent sends apart.
const responseSlot = new AsyncLocalStorage<{ headers?: Headers }>();

/**
 * Runs `send`; when it throws, hands the error on with the headers of the Twilio response that
 * made it (if one did).
 */
export async function withResponseHeaders<T>(
  send: () => Promise<T>,
  failed: (error: unknown, headers: Headers | undefined) => unknown,
): Promise<T> {
  const slot: { headers?: Headers } = {};
  try {
    return await responseSlot.run(slot, send);
  } catch (error) {
    throw failed(error, slot.headers);
  }
}

/**
 * The HTTP client the `twilio` SDK sends through, on Node's own http/https with keep-alive
 * sockets. `httpClient` is the SDK's documented seam: the SDK still builds every request
 * (resources, parameters, auth) and parses every answer; this only carries it. Its default
 * client goes through axios, which cost about 0.4 ms of CPU per message in the worker's profile
 * (ADR 25), more than the rest of the Twilio path together.
 *
 * It also does what Herald needs of the seam: no retries (the queue retries, with backoff and a
 * record of each attempt), a timeout per request, and an optional base URL, since the SDK has
 * no base-URL option of its own (a local server in development and tests).
 */
export class TwilioHttpClient extends twilio.RequestClient {
  readonly #apiUrl: URL | undefined;
  readonly #timeoutMs: number;
  readonly #agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };

  constructor(options: { timeoutMs: number; apiUrl?: string }) {
    super({ timeout: options.timeoutMs, autoRetry: false });
    this.#timeoutMs = options.timeoutMs;
    this.#apiUrl = options.apiUrl ? new URL(options.apiUrl) : undefined;
  }

  override async request<TData>(
    opts: RequestClient.RequestOptions<TData>,
  ): Promise<TwilioResponse<TData>> {
    const url = new URL(this.#apiUrl ? rebase(opts.uri, this.#apiUrl) : opts.uri);
    if (opts.params) url.search = formEncode(opts.params as Record<string, unknown>);
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string>) };
    if (opts.username && opts.password)
      headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
    else if (opts.authStrategy) headers.Authorization = await opts.authStrategy.getAuthString();
    let body: string | undefined;
    if (opts.data !== undefined) {
      // A form unless the SDK asked for JSON, as with its own client.
      headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
      body =
        headers['Content-Type'] === 'application/json'
          ? JSON.stringify(opts.data)
          : formEncode(opts.data as Record<string, unknown>);
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }

    const response = await this.#send(url, opts.method.toUpperCase(), headers, body, opts.timeout);
    const slot = responseSlot.getStore();
    if (slot) slot.headers = response.headers;
    // The SDK parses a string body itself (base/Version.js), as it does axios's.
    return response as TwilioResponse<TData>;
  }

  #send(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    timeoutMs = this.#timeoutMs,
  ): Promise<{ statusCode: number; body: string; headers: Headers }> {
    const transport = url.protocol === 'https:' ? https : http;
    const agent = this.#agents[url.protocol === 'https:' ? 'https:' : 'http:'];
    return new Promise((resolve, reject) => {
      const request = transport.request(url, { method, headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            statusCode: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: response.headers,
          }),
        );
      });
      // No answer in time: the error carries ETIMEDOUT, which the provider maps to
      // provider_unavailable (the send is retried), as it did axios's timeout.
      request.setTimeout(timeoutMs, () =>
        request.destroy(
          Object.assign(new Error(`no answer from Twilio within ${timeoutMs} ms`), {
            code: 'ETIMEDOUT',
          }),
        ),
      );
      request.on('error', reject);
      request.end(body);
    });
  }
}

/** Keeps the API path and query, swaps the origin (and prepends the base URL's own path). */
function rebase(uri: string, base: URL): string {
  const original = new URL(uri);
  const prefix = base.pathname.replace(/\/$/, '');
  return `${base.origin}${prefix}${original.pathname}${original.search}`;
}

/** As the SDK's own client encodes (qs, `arrayFormat: 'repeat'`): a list repeats its key. */
function formEncode(values: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, String(item));
  }
  return form.toString();
}
