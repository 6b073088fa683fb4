import { randomBytes } from 'node:crypto';
import type { RedisClient } from '@herald/core';
import {
  type BestEffort,
  hasRedisEpoch,
  type Logger,
  leaseRebuild,
  markRedisEpoch,
  type QueueRepairService,
  type RepairReport,
  releaseRebuild,
} from '@herald/core';
import type { ScheduleKeeper } from './schedule-keeper.js';

export type RedisWatchDeps = {
  redis: RedisClient;
  prefix: string;
  keeper: ScheduleKeeper;
  repair: QueueRepairService;
  logger: Logger;
  /** Told of each look that fails (Redis away): the next tick tries again. */
  bestEffort: BestEffort;
  /** How often Redis is looked at (`REDIS_WATCH_INTERVAL_MS`). */
  intervalMs: number;
  /** Told of each rebuild and each schedule put back (the metrics). */
  onRebuild?: (report: RepairReport) => void;
  onScheduleRestored?: (count: number) => void;
};

export type RedisWatch = {
  /** One look now (what each tick does); resolves when any rebuild it started is done. */
  check(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Notices, from a timer in this process (not a Redis job: those are what may be gone), that
 * Redis lost its data, and rebuilds what it held from the stores (ADR 19): the schedules, then
 * every message, webhook delivery and export still to do. Between losses it puts back any
 * schedule that went missing. Redis away is not a loss: the tick fails, is reported, and the
 * next one tries again.
 */
export function startRedisWatch(deps: RedisWatchDeps): RedisWatch {
  const holder = randomBytes(6).toString('hex');
  let running: Promise<void> | undefined;

  const rebuild = async () => {
    // A rebuild reads every page of work; the lease outlives a slow one, and dies with us.
    if (!(await leaseRebuild(deps.redis, deps.prefix, holder, 10 * 60_000))) return;
    try {
      const started = Date.now();
      deps.logger.warn('Redis lost its data: rebuilding schedules and jobs from the stores');
      // All of them, even on a Redis Cluster whose other masters kept theirs: a job that was
      // running when its master lost its data can leave a scheduler that looks present but has
      // no next run. Running a sweep once early is harmless; never running it again is not.
      await deps.keeper.writeAll();
      const report = await deps.repair.rebuild();
      await markRedisEpoch(deps.redis, deps.prefix, new Date());
      deps.onRebuild?.(report);
      deps.logger.warn(
        { ...report, tookMs: Date.now() - started },
        'Redis rebuilt from the stores',
      );
    } finally {
      await releaseRebuild(deps.redis, deps.prefix, holder);
    }
  };

  const tick = async () => {
    if (!(await hasRedisEpoch(deps.redis, deps.prefix))) return rebuild();
    const restored = await deps.keeper.restoreMissing();
    // The register sits in one slot of its own: a Cluster master that lost it gets it back.
    await deps.keeper.register();
    if (restored.length > 0) {
      deps.onScheduleRestored?.(restored.length);
      deps.logger.warn(
        { schedules: restored },
        'repeatable jobs were missing from Redis: put back',
      );
    }
  };

  const check = () => {
    running ??= deps.bestEffort.attempt('redis_watch', tick()).finally(() => {
      running = undefined;
    });
    return running;
  };

  const timer = setInterval(() => void check(), deps.intervalMs);
  timer.unref();
  return {
    check,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
