import type { Logger, QueueRepairService, RepairReport } from '@herald/core';

/**
 * The reconciler's repeatable job: whatever the stores say is still to do (an accepted message,
 * a webhook delivery, an export) gets its job back when Redis lost it (the API died between
 * its commit and its enqueue, Redis was away or restarted empty). Safe to run anywhere, any
 * number of times: job ids are the records' ids, and a finished message is never sent again.
 * A message left `sending` whose job is gone may have reached its provider (as after a worker
 * killed mid-call), so at most that one message may be sent twice rather than never.
 */
export function createReconcileProcessor(deps: { repair: QueueRepairService; logger: Logger }) {
  return async (): Promise<RepairReport> => {
    const report = await deps.repair.reconcile();
    if (report.messages + report.webhooks + report.exports > 0)
      deps.logger.warn(report, 'reconciler queued lost work again');
    return report;
  };
}
