import type { Schemas } from '@herald/openapi';
import type { OverviewStats } from './overview-stats.service.js';

export function presentOverviewStats(stats: OverviewStats): Schemas['OverviewStats'] {
  return {
    object: 'overview_stats',
    days: stats.days,
    from: stats.from.toISOString(),
    to: stats.to.toISOString(),
    total: stats.total,
    delivery_rate: stats.deliveryRate,
    daily: stats.daily.map((day) => ({
      date: day.date,
      sms: day.sms,
      email: day.email,
      push: day.push,
      finished: day.finished,
      delivered: day.delivered,
      failed: day.failed,
      delivery_rate: day.deliveryRate,
    })),
    statuses: stats.statuses,
    failures: stats.failures.map((f) => ({ error_code: f.errorCode, count: f.count })),
    inbound: stats.inbound,
  };
}
