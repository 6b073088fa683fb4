// Preloaded into the API process by the benchmark (`node --import`): counts every PostgreSQL
// query by database and every Redis command by name, client-side, and answers the counts over
// the IPC channel, with the process's CPU time so far (user + system, microseconds). The PostgreSQL here has no pg_stat_statements preloaded, and the Redis is
// shared with other processes, so server-side counters would not isolate this process.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pg = require('pg');
const { Redis } = require('ioredis');

const pgCounts = {};
const redisCounts = {};

const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  const database = this.connectionParameters?.database ?? 'unknown';
  pgCounts[database] = (pgCounts[database] ?? 0) + 1;
  return query.apply(this, args);
};

const sendCommand = Redis.prototype.sendCommand;
Redis.prototype.sendCommand = function countedCommand(command, ...rest) {
  const name = String(command?.name ?? 'unknown').toLowerCase();
  redisCounts[name] = (redisCounts[name] ?? 0) + 1;
  return sendCommand.call(this, command, ...rest);
};

function cpuMicros() {
  const { user, system } = process.cpuUsage();
  return user + system;
}

if (process.send) {
  process.on('message', (message) => {
    if (message?.type === 'round-trips')
      process.send({
        type: 'round-trips',
        pg: { ...pgCounts },
        redis: { ...redisCounts },
        cpuMicros: cpuMicros(),
      });
    if (message?.type === 'round-trips-reset') {
      for (const key of Object.keys(pgCounts)) delete pgCounts[key];
      for (const key of Object.keys(redisCounts)) delete redisCounts[key];
      process.send({ type: 'round-trips-reset' });
    }
  });
  process.channel?.unref();
}
