export * from './accounts.js';
export * from './best-effort.js';
export * from './infra/free-port.js';
export * from './infra/infrastructure.js';
export * from './infra/postgres.js';
export * from './infra/redis.js';
export * from './sinks/index.js';
export { startEnvShape } from './start/start-config.js';
