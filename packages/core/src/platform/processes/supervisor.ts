import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../logging/logger.js';
import { shareMetricsWithPrimary } from './cluster-metrics.js';

export type ProcessesOptions = {
  /** How many processes serve (`API_PROCESSES`, `WORKER_PROCESSES`). */
  count: number;
  logger: Logger;
  /** Everything one process does; `clustered` when it is one of several under a primary. */
  run: (clustered: boolean) => Promise<void>;
  /** In the primary, once, before any child starts: the work one machine does once (migrations). */
  prepare?: () => Promise<void>;
  /** In the primary, once the children are forked: what it serves for all of them; returns its closer. */
  serve?: () => Promise<() => Promise<void>>;
};

/**
 * Runs a deployable as one process, or as `count` children of a primary (node:cluster). With
 * one, nothing is forked: the process is exactly what it was before there could be more.
 * The primary does no request or job work: it prepares, forks, re-forks a child that dies
 * unexpectedly, and on SIGTERM/SIGINT forwards the signal and exits once every child finished
 * its own graceful stop.
 */
export async function runProcesses(options: ProcessesOptions): Promise<void> {
  if (options.count === 1) return options.run(false);
  if (cluster.isWorker) {
    shareMetricsWithPrimary();
    return options.run(true);
  }
  // The handlers go in first: a signal that comes while the primary prepares or forks must
  // neither kill it outright nor be lost.
  let requested: NodeJS.Signals | undefined;
  let stop: ((signal: NodeJS.Signals) => Promise<void>) | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop) void stop(signal);
    else requested ??= signal;
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
  await options.prepare?.();
  // Stopped while preparing: nothing has started, so there is nothing to finish.
  if (requested) process.exit(0);
  const supervisor = superviseChildren(options.count, options.logger);
  const close = await options.serve?.();
  // A terminal's Ctrl-C reaches the children and the primary alike: one stop, whatever comes.
  let stopping = false;
  stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    const clean = await supervisor.stop(signal);
    await close?.();
    options.logger.info({ clean }, 'every process stopped');
    process.exit(clean ? 0 : 1);
  };
  if (requested) await stop(requested);
}

/** A child that keeps dying waits longer before the next: 0.25 s, doubling per death in the last minute, at most 30 s. */
export function restartDelayMs(deathsInLastMinute: number): number {
  return Math.min(30_000, 250 * 2 ** Math.max(0, deathsInLastMinute - 1));
}

function superviseChildren(count: number, logger: Logger) {
  let stopping = false;
  const deaths: number[] = [];
  const fork = () => {
    const child = cluster.fork();
    child.once('exit', (code, signal) => {
      if (stopping) return;
      const now = Date.now();
      deaths.push(now);
      while (deaths[0]! < now - 60_000) deaths.shift();
      const restartInMs = restartDelayMs(deaths.length);
      logger.error(
        { pid: child.process.pid, code, signal, restartInMs },
        'a process exited unexpectedly: starting another',
      );
      // Not unref'd: when every child is dead, this timer is what keeps the primary alive.
      setTimeout(() => stopping || fork(), restartInMs);
    });
  };
  for (let i = 0; i < count; i++) fork();
  logger.info({ processes: count }, 'processes started');
  return {
    /** Forwards `signal` to every child and resolves once all exited; true when each exited 0. */
    async stop(signal: NodeJS.Signals): Promise<boolean> {
      stopping = true;
      logger.info({ signal }, 'stopping: every process finishes its work in flight');
      const children = Object.values(cluster.workers ?? {}) as Worker[];
      const codes = await Promise.all(children.map((child) => stopChild(child, signal)));
      return codes.every((code) => code === 0);
    },
  };
}

function stopChild(child: Worker, signal: NodeJS.Signals): Promise<number | null> {
  if (child.isDead()) return Promise.resolve(child.process.exitCode);
  // A child that dies of the signal itself had not yet put its handlers in place, which it does
  // before it takes any request or job: it was still starting, with nothing in flight to finish,
  // so that is a clean stop too.
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, killedBy) => resolve(killedBy === signal ? 0 : code)),
  );
  // The signal itself, not worker.kill(): that would disconnect the child first, and a
  // cluster child whose channel closes exits at once, abandoning its jobs in flight.
  child.process.kill(signal);
  return exited;
}
