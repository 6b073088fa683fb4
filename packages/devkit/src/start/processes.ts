import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export type Managed = { name: string; child: ChildProcess };

/** Starts a Node process with a prefix on each output line, so API and worker logs stay apart. */
export function startProcess(
  name: string,
  script: string,
  env: Record<string, string | undefined>,
): Managed {
  const child = spawn(process.execPath, [script], {
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) =>
      process.stdout.write(`[${name}] ${line}\n`),
    );
  }
  return { name, child };
}

/** SIGTERM, then SIGKILL after `graceMs`: the processes finish in-flight work before exiting. */
export async function stopProcess(managed: Managed, graceMs = 15_000): Promise<void> {
  const { child } = managed;
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function waitForHttp(
  url: string,
  timeoutMs: number,
  isAlive: () => boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`the process serving ${url} exited`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
