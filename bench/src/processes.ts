import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const benchLib = (file: string) => path.join(repoRoot, 'bench/lib', file);

export type NodeProcess = {
  name: string;
  child: ChildProcess;
  output: string[];
  /** Resident set size now, in bytes (Linux /proc; 0 where unavailable). */
  rss(): Promise<number>;
  /** Sends a message over IPC and resolves with the first answer of the same type. */
  ask<T>(message: { type: string }): Promise<T>;
  /** Resolves with the first IPC message of this type. */
  waitFor<T>(type: string, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
};

/**
 * Starts a Node.js script as a child process with an IPC channel. Its stdout is dropped (the
 * API and worker log every request and message at `info`, as in production: that cost is part
 * of what is measured); stderr is kept for error reports.
 */
let profiled = 0;

export function startNode(
  name: string,
  script: string,
  env: Record<string, string>,
  options: { preload?: string } = {},
): NodeProcess {
  // BENCH_CPU_PROFILE=<dir>: a V8 CPU profile of each process, to see where its time goes,
  // numbered in start order (the bench starts several workers).
  profiled += 1;
  const profile = process.env.BENCH_CPU_PROFILE
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`,
        `--cpu-prof-name=${String(profiled).padStart(2, '0')}-${name}.cpuprofile`,
      ]
    : [];
  const args = options.preload
    ? [...profile, '--import', pathToFileURL(options.preload).href, script]
    : [...profile, script];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const output: string[] = [];
  child.stderr?.on('data', (chunk) => {
    output.push(String(chunk));
    if (output.length > 200) output.shift();
  });
  const waitFor = <T>(type: string, timeoutMs = 60_000) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(
          new Error(`${name}: no '${type}' message within ${timeoutMs} ms\n${output.join('')}`),
        );
      }, timeoutMs);
      const onMessage = (message: { type?: string }) => {
        if (message?.type !== type) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message as T);
      };
      child.on('message', onMessage);
    });
  return {
    name,
    child,
    output,
    rss: () => rssOf(child.pid),
    ask: <T>(message: { type: string }) => {
      const answer = waitFor<T>(message.type, 10_000);
      child.send(message);
      return answer;
    },
    waitFor,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function rssOf(pid: number | undefined): Promise<number> {
  if (!pid) return 0;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Polls an HTTP URL until it answers 2xx, or the process dies, or the time runs out. */
export async function waitForHttp(
  url: string,
  proc: NodeProcess,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null)
      throw new Error(`${proc.name} exited early:\n${proc.output.join('')}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${proc.name}: no answer from ${url}\n${proc.output.join('')}`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
