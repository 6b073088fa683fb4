import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { ChannelName, MessageStatus, UsageDatabase } from '../platform/stores/usage.schema.js';
import { countedInbound, countedOutboundGroups, readCountsState } from './daily-counts.store.js';
import {
  countInbound,
  countOutboundGroups,
  type OverviewGroupRow,
} from './overview-stats.store.js';

export type OverviewDay = {
  date: string;
  sms: number;
  email: number;
  push: number;
  finished: number;
  delivered: number;
  failed: number;
  deliveryRate: number | null;
};

export type OverviewStats = {
  days: number;
  from: Date;
  to: Date;
  total: number;
  deliveryRate: number | null;
  daily: OverviewDay[];
  statuses: Array<{ status: MessageStatus; count: number }>;
  failures: Array<{ errorCode: string; count: number }>;
  inbound: number;
};

const DELIVERED: ReadonlySet<MessageStatus> = new Set(['sent', 'delivered']);
const FAILED: ReadonlySet<MessageStatus> = new Set(['failed', 'undelivered']);
const DAY_MS = 86_400_000;

/**
 * The console's overview: what an account sent over its last 7 or 30 UTC days, as counts. The
 * settled days are read from the daily counts the worker keeps (`countSettledDays`), so the
 * cost does not grow with how much the account sends; the last two days are counted live.
 */
export class OverviewStatsService {
  private readonly usage: Kysely<UsageDatabase>;
  private readonly clock: Clock;

  constructor(deps: { usage: Kysely<UsageDatabase>; clock: Clock }) {
    this.usage = deps.usage;
    this.clock = deps.clock;
  }

  async overview(accountId: string, days: number): Promise<OverviewStats> {
    const to = this.clock.now();
    const today = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate());
    const from = new Date(today - (days - 1) * DAY_MS);
    // Settled days come from the daily counts; the days since, from the messages themselves.
    const state = await readCountsState(this.usage);
    const fromDay = from.toISOString().slice(0, 10);
    const countedUntil = state && state.settledBefore > fromDay ? state.settledBefore : undefined;
    const liveFrom = countedUntil ? new Date(`${countedUntil}T00:00:00Z`) : from;
    const [counted, live, countedIn, liveIn] = await Promise.all([
      countedUntil ? countedOutboundGroups(this.usage, accountId, fromDay, countedUntil) : [],
      countOutboundGroups(this.usage, accountId, liveFrom),
      countedUntil ? countedInbound(this.usage, accountId, fromDay, countedUntil) : 0,
      countInbound(this.usage, accountId, liveFrom),
    ]);
    const groups = [...counted, ...live];
    const inbound = countedIn + liveIn;
    const daily = emptyDays(from, days);
    const byDate = new Map(daily.map((d) => [d.date, d]));
    const statuses = new Map<MessageStatus, number>();
    const failures = new Map<string, number>();
    for (const group of groups) {
      const day = byDate.get(group.day);
      if (day) addToDay(day, group);
      statuses.set(group.status, (statuses.get(group.status) ?? 0) + group.count);
      if (FAILED.has(group.status)) {
        const code = group.error_code ?? 'unknown';
        failures.set(code, (failures.get(code) ?? 0) + group.count);
      }
    }
    for (const day of daily) day.deliveryRate = rate(day.delivered, day.finished);
    const finished = sum(daily, 'finished');
    return {
      days,
      from,
      to,
      total: daily.reduce((n, d) => n + d.sms + d.email + d.push, 0),
      deliveryRate: rate(sum(daily, 'delivered'), finished),
      daily,
      statuses: [...statuses].map(([status, count]) => ({ status, count })),
      failures: [...failures]
        .map(([errorCode, count]) => ({ errorCode, count }))
        .sort((a, b) => b.count - a.count || a.errorCode.localeCompare(b.errorCode)),
      inbound,
    };
  }
}

function emptyDays(from: Date, days: number): OverviewDay[] {
  return Array.from({ length: days }, (_, i) => ({
    date: new Date(from.getTime() + i * DAY_MS).toISOString().slice(0, 10),
    sms: 0,
    email: 0,
    push: 0,
    finished: 0,
    delivered: 0,
    failed: 0,
    deliveryRate: null,
  }));
}

function addToDay(day: OverviewDay, group: OverviewGroupRow): void {
  day[group.channel satisfies ChannelName] += group.count;
  if (DELIVERED.has(group.status)) day.delivered += group.count;
  if (FAILED.has(group.status)) day.failed += group.count;
  if (DELIVERED.has(group.status) || FAILED.has(group.status)) day.finished += group.count;
}

function sum(days: OverviewDay[], key: 'finished' | 'delivered'): number {
  return days.reduce((n, d) => n + d[key], 0);
}

/** Rounded to four places: a share, not a measurement. */
function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}
