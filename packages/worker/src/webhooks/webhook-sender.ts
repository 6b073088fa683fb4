import http from 'node:http';
import https from 'node:https';
import {
  checkWebhookUrl,
  guardedLookup,
  type UrlGuardOptions,
  type WebhookOutcome,
  WebhookUrlRefused,
} from '@herald/core';
import { parseRetryAfterMs } from '../providers/retry-after.js';

export type WebhookSenderOptions = {
  guard: UrlGuardOptions;
  timeoutMs: number;
  now?: () => number;
};

export type WebhookRequest = { url: string; payload: string; headers: Record<string, string> };

/** Sends one signed webhook and says what happened; never throws. */
export type WebhookSender = (request: WebhookRequest) => Promise<WebhookOutcome>;

/**
 * POSTs with Node's own client so the SSRF guard sits in its `lookup`: the addresses checked
 * are the ones connected to. Redirects are never followed (a 3xx is a failure), the whole
 * exchange has one deadline, and the response body is never read or kept.
 */
export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const now = options.now ?? Date.now;
  return async (request) => {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    let url: URL;
    try {
      // A host written as an IP address never reaches `lookup`: it is checked here.
      url = (await checkWebhookUrl(request.url, options.guard)).url;
    } catch (error) {
      return { statusCode: null, error: failureOf(error), durationMs: elapsed() };
    }
    return new Promise<WebhookOutcome>((resolve) => {
      let settled = false;
      const finish = (outcome: Omit<WebhookOutcome, 'durationMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...outcome, durationMs: elapsed() });
      };
      const client = url.protocol === 'https:' ? https : http;
      const req = client.request(
        url,
        {
          method: 'POST',
          // A fresh connection per attempt: a pooled socket would skip the guarded lookup.
          agent: false,
          lookup: guardedLookup(url.protocol, options.guard),
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(request.payload),
            'user-agent': 'Herald-Webhooks/1.0',
            ...request.headers,
          },
        },
        (res) => {
          const status = res.statusCode ?? 0;
          res.destroy();
          finish({
            statusCode: status,
            error: status >= 200 && status < 300 ? null : httpError(status),
            retryAfterMs: parseRetryAfterMs(res.headers['retry-after'], now()),
          });
        },
      );
      const timer = setTimeout(() => {
        finish({ statusCode: null, error: 'timeout' });
        req.destroy();
      }, options.timeoutMs);
      req.on('error', (error) => finish({ statusCode: null, error: failureOf(error) }));
      req.end(request.payload);
    });
  };
}

function httpError(status: number): string {
  return status >= 300 && status < 400 ? 'redirect_not_followed' : `http_${status}`;
}

const networkErrors: Record<string, string> = {
  ECONNREFUSED: 'connection_refused',
  ECONNRESET: 'connection_reset',
  EPIPE: 'connection_reset',
  ETIMEDOUT: 'timeout',
  ENOTFOUND: 'dns_failed',
  EAI_AGAIN: 'dns_failed',
  EHOSTUNREACH: 'host_unreachable',
  ENETUNREACH: 'host_unreachable',
};

/** A stable, content-free name for a failure, as `webhook_attempts.error` keeps it. */
function failureOf(error: unknown): string {
  if (error instanceof WebhookUrlRefused) return error.kind;
  const code = String((error as { code?: unknown })?.code ?? '');
  if (code in networkErrors) return networkErrors[code]!;
  if (/CERT|TLS|SSL/.test(code)) return 'tls_error';
  return 'connection_failed';
}
