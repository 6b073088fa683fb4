import { loadApiConfig } from '@herald/api';
import { generateMasterKey } from '@herald/core';
import { loadWorkerConfig } from '@herald/worker';
import { describe, expect, it } from 'vitest';

describe('retention configuration', () => {
  const env = { HERALD_MASTER_KEY: generateMasterKey() };

  it('runs the three jobs hourly, 1000 rows per statement, and purges closed accounts after 30 days by default', () => {
    expect(loadWorkerConfig(env).retention).toEqual({ intervalMs: 3_600_000, batchSize: 1000 });
    expect(loadApiConfig(env).closeGraceDays).toBe(30);
    expect(loadApiConfig({ ...env, ACCOUNT_CLOSE_GRACE_DAYS: '7' }).closeGraceDays).toBe(7);
  });

  it('refuses IP_LOG_RETENTION_DAYS rather than ignore it: each organisation has ip_log_days now', () => {
    expect(() => loadWorkerConfig({ ...env, IP_LOG_RETENTION_DAYS: '30' })).toThrow(
      /IP_LOG_RETENTION_DAYS: replaced by each organisation's retention policy/,
    );
  });
});
