import { ConnectionError, errorForStatus, type HeraldError, TimeoutError } from './errors.js';
import { isRetryableStatus, retryDelayMs, sleep } from './retry.js';
import { webCrypto } from './runtime.js';
import { VERSION } from './version.js';

/** Per-call options, the last argument of every method. */
export type RequestOptions = {
  /** The `Idempotency-Key` of a POST; one is generated when absent (the same for its retries). */
  idempotencyKey?: string;
  /** Milliseconds per attempt, instead of the client's `timeout`. */
  timeout?: number;
  /** Retries after the first attempt, instead of the client's `maxRetries`. */
  maxRetries?: number;
  /** Aborts the call (and its retries). */
  signal?: AbortSignal;
  /** Extra headers, like `X-Request-Id` to trace a call through your systems. */
  headers?: Record<string, string>;
};

export type HttpConfig = {
  apiKey: string;
  baseUrl: string;
  timeout: number;
  maxRetries: number;
  fetch: typeof fetch;
};

export type Query = Record<string, string | number | boolean | undefined>;

export type Call = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Query;
  body?: unknown;
  options?: RequestOptions | undefined;
  /** Herald answers a repeated `Idempotency-Key` with the first answer, so a retry is safe. */
  deduplicated?: boolean;
};

/** What one attempt ended with: an answer (any status), or an error that left no answer. */
type Attempt = { response: Response; text: string } | { error: HeraldError };

/** Sends one call to Herald, retrying what is safe to retry, and turns failures into errors. */
export class HttpClient {
  constructor(private readonly config: HttpConfig) {}

  async request<T>(call: Call): Promise<T> {
    const options = call.options ?? {};
    const maxRetries = options.maxRetries ?? this.config.maxRetries;
    // Reads, PUT and DELETE can run twice harmlessly; a POST or PATCH only where Herald
    // deduplicates it by its Idempotency-Key (ADR 10).
    const safe = call.method !== 'POST' && call.method !== 'PATCH' ? true : !!call.deduplicated;
    const headers = await this.headersFor(call, options);
    const url = this.urlFor(call);
    for (let retry = 0; ; retry++) {
      const attempt = await this.attempt(url, call, headers, options);
      if ('error' in attempt) {
        if (retry < maxRetries && safe && !options.signal?.aborted) {
          await sleep(retryDelayMs(retry + 1, null)!);
          continue;
        }
        throw attempt.error;
      }
      const { response, text } = attempt;
      if (response.ok) return (text ? JSON.parse(text) : undefined) as T;
      const error = errorOf(response, text);
      const delay =
        retry < maxRetries && isRetryableStatus(response.status, error.code, safe)
          ? retryDelayMs(retry + 1, response.headers.get('retry-after'))
          : null;
      if (delay === null || options.signal?.aborted) throw error;
      await sleep(delay);
    }
  }

  private async attempt(
    url: string,
    call: Call,
    headers: Record<string, string>,
    options: RequestOptions,
  ): Promise<Attempt> {
    const controller = new AbortController();
    const timeout = options.timeout ?? this.config.timeout;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    const forward = () => controller.abort(options.signal?.reason);
    if (options.signal?.aborted) forward();
    options.signal?.addEventListener('abort', forward, { once: true });
    try {
      const response = await this.config.fetch(url, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: controller.signal,
      });
      // Read inside the timeout: a body that never ends is a timeout too.
      return { response, text: await response.text() };
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      const fields = { code: timedOut ? 'timeout' : 'connection_error', cause };
      return {
        error: timedOut
          ? new TimeoutError(`No answer from Herald within ${timeout} ms.`, fields)
          : new ConnectionError(`Could not reach Herald at ${this.config.baseUrl}.`, fields),
      };
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', forward);
    }
  }

  private urlFor(call: Call): string {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(call.query ?? {}))
      if (value !== undefined) query.set(name, String(value));
    const search = query.toString();
    return `${this.config.baseUrl}${call.path}${search ? `?${search}` : ''}`;
  }

  private async headersFor(call: Call, options: RequestOptions): Promise<Record<string, string>> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.config.apiKey}`,
      Accept: 'application/json',
      'User-Agent': `herald-sdk-typescript/${VERSION}`,
    };
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    if (call.method === 'POST')
      headers['Idempotency-Key'] = options.idempotencyKey ?? (await webCrypto()).randomUUID();
    return { ...headers, ...options.headers };
  }
}

/** `/v1/messages/{id}` with each `{name}` replaced by its encoded value. */
export function pathOf(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]!));
}

/** Herald's problem document (or whatever a proxy answered) as the error for its status. */
function errorOf(response: Response, text: string): HeraldError {
  let problem: { code?: string; detail?: string; title?: string; param?: string } = {};
  try {
    problem = JSON.parse(text);
  } catch {
    // Not JSON: a proxy's error page, say. The status still says what kind of error it is.
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  const fields = {
    code: problem.code ?? `http_${response.status}`,
    status: response.status,
    requestId: response.headers.get('x-request-id') ?? undefined,
    param: problem.param,
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfter } : {}),
  };
  const message = problem.detail ?? problem.title ?? `Herald answered HTTP ${response.status}.`;
  return errorForStatus(response.status, message, fields);
}
