import autocannon from 'autocannon';

export type LoadResult = {
  /** 2xx answers per second over the run. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** 2xx answers in all. */
  ok: number;
  non2xx: number;
  errors: number;
};

export type LoadOptions = {
  url: string;
  body: object;
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
  /** Open loop: this many requests per second in all, whatever the answers take. */
  overallRate?: number;
  /** Rewrites each request's body just before it is sent (the end-to-end timestamps). */
  bodyAt?: () => object;
};

/** One autocannon run of `POST url` with a JSON body. */
export async function postLoad(options: LoadOptions): Promise<LoadResult> {
  const headers = { 'content-type': 'application/json', ...options.headers };
  const bodyAt = options.bodyAt;
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers,
    body: JSON.stringify(options.body),
    connections: options.connections,
    duration: options.durationSeconds,
    overallRate: options.overallRate,
    ...(bodyAt
      ? {
          requests: [
            {
              method: 'POST',
              headers,
              setupRequest: (request) => ({ ...request, body: JSON.stringify(bodyAt()) }),
            },
          ],
        }
      : {}),
  });
  const seconds = Math.max(
    0.001,
    (new Date(result.finish).getTime() - new Date(result.start).getTime()) / 1000,
  );
  return {
    rps: round(result['2xx'] / seconds),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const round = (value: number, digits = 1) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
