import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt, repoRoot } from '@herald/devkit/testing';

export type RunningProcess = {
  child: ChildProcess;
  output: string[];
  exited: Promise<{ code: number | null; signal: string | null }>;
};

/** Starts a built deployable (`api` or `worker`) as a real process with the given environment. */
export function startDeployable(
  name: 'api' | 'worker',
  env: Record<string, string>,
): RunningProcess {
  // A worker's health server takes any free port unless told: test files run side by side.
  return startScript(path.join(repoRoot(), `packages/${name}/dist/main.js`), {
    ...(name === 'worker' ? { WORKER_PORT: '0' } : {}),
    ...env,
  });
}

/**
 * Starts the built API through a wrapper that SIGKILLs it right after a send's commit, before
 * its enqueue (api-crashing-after-commit.mjs): the API itself has no such hook.
 */
export function startApiCrashingAfterCommit(env: Record<string, string>): RunningProcess {
  return startScript(
    fileURLToPath(new URL('./api-crashing-after-commit.mjs', import.meta.url)),
    env,
  );
}

function startScript(script: string, env: Record<string, string>): RunningProcess {
  ensureBuilt();
  const child = spawn(process.execPath, [script], {
    // Herald's default SMS sender is paced like a long code (1 segment a second, ADR 28); tests
    // that are not about pacing send from it as fast as the worker can, unless they say.
    env: { PATH: process.env.PATH ?? '', PACE_SMS_DEFAULT_SENDER_PER_SECOND: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk) => output.push(String(chunk)));
  child.stderr?.on('data', (chunk) => output.push(String(chunk)));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output, exited };
}

export async function waitForHealthy(
  url: string,
  proc: RunningProcess,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null)
      throw new Error(`process exited early:\n${proc.output.join('')}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no answer from ${url}:\n${proc.output.join('')}`);
}
