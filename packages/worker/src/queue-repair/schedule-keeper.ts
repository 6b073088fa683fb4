import type { RedisClient } from '@herald/core';
import { type RequiredSchedule, registerSchedules, scheduleName } from '@herald/core';
import type { Queue } from 'bullmq';

/** A repeatable job: its queue, its scheduler, the job it adds and how often. */
export type Schedule = { queue: Queue; schedulerId: string; jobName: string; every: number };

/**
 * The repeatable jobs this worker runs (reconcile, retention, abuse scoring, the webhook relay,
 * export expiry). They live in Redis only, so a Redis that lost its data forgets them: the
 * keeper writes them all at start (a changed interval takes effect) and puts back any that
 * went missing since, without touching the ones that are there (re-writing a live schedule
 * could make it run at once).
 */
export class ScheduleKeeper {
  private readonly schedules: Schedule[] = [];

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  add(schedule: Schedule): void {
    this.schedules.push(schedule);
  }

  /** Writes every schedule, and registers them so any process can tell one went missing. */
  async writeAll(): Promise<void> {
    for (const schedule of this.schedules) await write(schedule);
    await this.register();
  }

  /** Says, in Redis, which schedules this worker keeps (idempotent: a set). */
  async register(): Promise<void> {
    await registerSchedules(this.redis, this.prefix, this.kept());
  }

  /** Puts back the schedules Redis no longer has; returns them as `queue/schedulerId`. */
  async restoreMissing(): Promise<string[]> {
    const missing = await this.missing();
    for (const schedule of missing) await write(schedule);
    return missing.map(nameOf);
  }

  async missing(): Promise<Schedule[]> {
    const found = await Promise.all(
      this.schedules.map((s) => s.queue.getJobScheduler(s.schedulerId)),
    );
    return this.schedules.filter((_, i) => !found[i]);
  }

  /** The schedules kept, by queue name and scheduler id. */
  kept(): RequiredSchedule[] {
    return this.schedules.map((s) => ({ queue: s.queue.name, schedulerId: s.schedulerId }));
  }
}

function write(schedule: Schedule) {
  return schedule.queue.upsertJobScheduler(
    schedule.schedulerId,
    { every: schedule.every },
    { name: schedule.jobName, opts: { removeOnComplete: 100, removeOnFail: 100 } },
  );
}

function nameOf(schedule: Schedule): string {
  return scheduleName({ queue: schedule.queue.name, schedulerId: schedule.schedulerId });
}
