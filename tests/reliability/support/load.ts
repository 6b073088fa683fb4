/** One request of a steady load: when it started, how it ended, how long it took. */
export type Sample = { at: number; status: number; ms: number; id?: string; error?: string };

/**
 * Sends SMS through a real API process over HTTP, `concurrency` clients in a loop, each body
 * unique, each request abandoned after `timeoutMs` (counted as hung) until `stop()`.
 */
export function startLoad(options: {
  url: string;
  auth: Record<string, string>;
  tag: string;
  concurrency?: number;
  timeoutMs?: number;
  pauseMs?: number;
}): { stop(): Promise<Sample[]> } {
  const samples: Sample[] = [];
  let stopped = false;
  let n = 0;
  const client = async () => {
    while (!stopped) {
      const at = Date.now();
      try {
        const res = await fetch(`${options.url}/v1/messages`, {
          method: 'POST',
          headers: { ...options.auth, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            channel: 'sms',
            to: '+14155550100',
            body: `${options.tag} #${n++}`,
          }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
        });
        const body = (await res.json().catch(() => ({}))) as { id?: string };
        samples.push({ at, status: res.status, ms: Date.now() - at, id: body.id });
      } catch (error) {
        samples.push({ at, status: 0, ms: Date.now() - at, error: (error as Error).name });
      }
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 20));
    }
  };
  const clients = Array.from({ length: options.concurrency ?? 3 }, client);
  return {
    stop: async () => {
      stopped = true;
      await Promise.all(clients);
      return samples;
    },
  };
}

/** What the clients saw while a dependency was down, and over the whole run. */
export function summarize(samples: Sample[], down: { from: number; to: number }) {
  const during = samples.filter((s) => s.at >= down.from && s.at + s.ms <= down.to);
  const unavailable = during.filter((s) => s.status === 503);
  return {
    requests: samples.length,
    accepted: samples.filter((s) => s.status === 202).length,
    requestsWhileDown: during.length,
    answered503WhileDown: unavailable.length,
    slowest503Ms: Math.max(0, ...unavailable.map((s) => s.ms)),
    slowestWhileDownMs: Math.max(0, ...during.map((s) => s.ms)),
    hung: samples.filter((s) => s.error === 'TimeoutError').length,
    connectionErrors: samples.filter((s) => s.status === 0 && s.error !== 'TimeoutError').length,
    other5xx: samples.filter((s) => s.status >= 500 && s.status !== 503).length,
    ids: samples.filter((s) => s.status === 202 && s.id).map((s) => s.id!),
  };
}
