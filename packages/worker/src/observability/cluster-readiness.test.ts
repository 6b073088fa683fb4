import { describe, expect, it } from 'vitest';
import { mergeReadiness } from './cluster-readiness.js';
import type { WorkerReadiness } from './worker-server.js';

const ready: WorkerReadiness = { status: 'ok', checks: { redis: 'ok', heartbeat: 'ok' } };

describe("a cluster primary's readiness", () => {
  it('when every child answers ready, then it is ready, with each check and processes ok', () => {
    expect(mergeReadiness([ready, ready], 2)).toEqual({
      status: 'ok',
      checks: { processes: 'ok', redis: 'ok', heartbeat: 'ok' },
    });
  });

  it('when one child is not ready, then neither is the cluster, naming the check at fault', () => {
    const stale: WorkerReadiness = {
      status: 'unavailable',
      checks: { redis: 'ok', heartbeat: 'unavailable' },
    };
    expect(mergeReadiness([ready, stale], 2)).toEqual({
      status: 'unavailable',
      checks: { processes: 'ok', redis: 'ok', heartbeat: 'unavailable' },
    });
  });

  it('when a child does not answer or is missing (restarting), then it is not ready', () => {
    expect(mergeReadiness([ready, undefined], 2).checks.processes).toBe('unavailable');
    expect(mergeReadiness([ready], 2)).toMatchObject({
      status: 'unavailable',
      checks: { processes: 'unavailable', redis: 'ok' },
    });
  });
});
