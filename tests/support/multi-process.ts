import type { TwilioSink } from '@herald/devkit';
import { eventually, freePort } from '@herald/devkit/testing';
import { type RunningProcess, startDeployable } from './processes.js';

/** A deployable started with several processes: its primary, and where it answers. */
export type Processes = RunningProcess & { url: string };

/** The JSON log lines a process (and its cluster children, who share its stdout) wrote. */
export function logLines(proc: RunningProcess): Array<Record<string, unknown>> {
  return proc.output
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The distinct processes that logged `msg` (and matched `where`): the pid is on every line. */
export function pidsThatLogged(
  proc: RunningProcess,
  msg: string,
  where: (line: Record<string, unknown>) => boolean = () => true,
): Set<number> {
  return new Set(
    logLines(proc)
      .filter((line) => line.msg === msg && where(line))
      .map((line) => line.pid as number),
  );
}

const running = (proc: RunningProcess) => {
  if (proc.child.exitCode !== null) throw new Error(`exited early:\n${proc.output.join('')}`);
};

/** `API_PROCESSES=count` on a free port, once each child listens. */
export async function startApiProcesses(
  env: Record<string, string>,
  count: number,
): Promise<Processes> {
  const port = await freePort();
  const proc = startDeployable('api', { ...env, PORT: String(port), API_PROCESSES: String(count) });
  await eventually(
    () => {
      running(proc);
      return pidsThatLogged(proc, 'api listening').size === count;
    },
    { timeoutMs: 30_000, what: `${count} API processes to listen` },
  );
  return { ...proc, url: `http://127.0.0.1:${port}` };
}

/** `WORKER_PROCESSES=count`, once its primary's /readyz says every child is ready. */
export async function startWorkerProcesses(
  env: Record<string, string>,
  count: number,
): Promise<Processes> {
  const proc = startDeployable('worker', { ...env, WORKER_PROCESSES: String(count) });
  const port = await eventually(
    () => {
      running(proc);
      return logLines(proc).find((line) => line.msg === 'worker primary listening')?.port;
    },
    { timeoutMs: 30_000, what: 'the worker primary to listen' },
  );
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    async () => {
      running(proc);
      return (await fetch(`${url}/readyz`)).status === 200;
    },
    { timeoutMs: 60_000, what: `${count} worker processes to be ready` },
  );
  return { ...proc, url };
}

/**
 * The API and the worker, `processes` of each (or `apiProcesses` of the API), on the stores
 * `env` names; the worker sends SMS to `twilio`, with `workerEnv` on top.
 */
export async function startBothWithProcesses(options: {
  env: Record<string, string>;
  twilio: TwilioSink;
  processes: number;
  apiProcesses?: number;
  workerEnv?: Record<string, string>;
}): Promise<{ api: Processes; worker: Processes }> {
  const { env, twilio, processes } = options;
  const [api, worker] = await Promise.all([
    startApiProcesses(env, options.apiProcesses ?? processes),
    startWorkerProcesses(
      {
        ...env,
        TWILIO_ACCOUNT_SID: twilio.accountSid,
        TWILIO_AUTH_TOKEN: twilio.authToken,
        TWILIO_FROM_NUMBER: '+15005550006',
        TWILIO_API_URL: twilio.url,
        ...options.workerEnv,
      },
      processes,
    ),
  ]);
  return { api, worker };
}
