/**
 * The reconciler's contract: a repeatable job that re-enqueues accepted messages whose dispatch
 * job never reached Redis (the API died between its database commit and its enqueue, or Redis
 * was away). See docs/adr/0002-accepted-means-durable.md.
 */
export const RECONCILE_QUEUE_NAME = 'maintenance';
export const RECONCILE_JOB_NAME = 'reconcile.v1';
export const RECONCILE_SCHEDULER_ID = 'reconcile-dispatch';
