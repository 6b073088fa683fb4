export { accountServiceFor } from '../accounts.js';
export { toolBestEffort } from '../best-effort.js';
export * from './dump.js';
export * from './infrastructure.js';
export * from './message-rows.js';
export * from './redis-cluster.js';
export * from './redis-dump.js';
export * from './test-stores.js';
export * from './test-support.js';
