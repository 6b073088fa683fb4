import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does with one request: pass it on, answer it itself, or lose the answer. */
export type ProxyAction =
  | 'forward'
  /** Forwards the request (the API does the work), then cuts the connection before answering. */
  | 'forward-then-drop'
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** Never answers. */
  | 'hang';

export type SeenRequest = { method: string; path: string; headers: IncomingMessage['headers'] };

/**
 * A real HTTP server in front of the real API that misbehaves on cue, the way networks and
 * load balancers do: the SDK's retries are tested against failures, not against a mocked fetch.
 */
export type FlakyProxy = {
  url: string;
  seen: SeenRequest[];
  /** The actions for the next requests, in order; after them every request is forwarded. */
  plan(...actions: ProxyAction[]): void;
  /** Forgets the plan and what was seen. */
  reset(): void;
  close(): Promise<void>;
};

export async function startFlakyProxy(target: string): Promise<FlakyProxy> {
  const queue: ProxyAction[] = [];
  const seen: SeenRequest[] = [];
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    seen.push({ method: req.method!, path: req.url!, headers: req.headers });
    const action = queue.shift() ?? 'forward';
    if (action === 'hang') return;
    if (typeof action === 'object') {
      res.writeHead(action.status, { 'Content-Type': 'application/json', ...action.headers });
      res.end(action.body === undefined ? '' : JSON.stringify(action.body));
      return;
    }
    const out = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        if (action === 'forward-then-drop') {
          answer.resume();
          answer.on('end', () => res.socket?.destroy());
          return;
        }
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    plan: (...actions) => queue.push(...actions),
    reset: () => {
      queue.length = 0;
      seen.length = 0;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
