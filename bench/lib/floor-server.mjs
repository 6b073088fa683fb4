// The floor F: the least a server must do to accept a send the way Herald promises to — parse
// the JSON, validate it against the same schema (the spec's SendMessageRequest, with the same
// Ajv set-up as the API), write one row to a table shaped like the usage store's `messages`,
// and add one BullMQ job — on bare node:http, with nothing else (no auth, no encryption, no
// idempotency, no rate limit, no logging). Herald's accept rate is reported as a ratio of this.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createSpecAjv, SPEC_ID } from '@herald/api/ajv';
import { loadSpec } from '@herald/openapi';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';

const { FLOOR_DATABASE_URL, REDIS_URL, FLOOR_QUEUE_PREFIX, PORT, POOL_SIZE } = process.env;
const ajv = createSpecAjv(loadSpec());
const validate = ajv.compile({ $ref: `${SPEC_ID}#/components/schemas/SendMessageRequest` });
const pool = new pg.Pool({ connectionString: FLOOR_DATABASE_URL, max: Number(POOL_SIZE ?? 10) });
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
const queue = new Queue('floor', {
  connection: redis,
  prefix: FLOOR_QUEUE_PREFIX,
  defaultJobOptions: { removeOnComplete: { age: 3600, count: 10_000 }, removeOnFail: 1000 },
});

await pool.query(`create table if not exists floor_messages (
  id text primary key, account_id text not null, channel text not null, recipient text not null,
  status text not null, created_at timestamptz not null default now())`);

const answer = (res, status, body) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return answer(res, 400, { code: 'malformed_json' });
    }
    if (!validate(body)) return answer(res, 422, { code: 'validation_failed' });
    const id = `msg_${randomUUID().replaceAll('-', '')}`;
    try {
      await pool.query(
        'insert into floor_messages (id, account_id, channel, recipient, status) values ($1, $2, $3, $4, $5)',
        [id, 'acc_floor', body.channel, body.to, 'queued'],
      );
      await queue.add('dispatch.v1', { messageId: id, accountId: 'acc_floor' }, { jobId: id });
      answer(res, 202, { id, status: 'queued' });
    } catch {
      answer(res, 503, { code: 'service_unavailable' });
    }
  });
});
server.listen(Number(PORT ?? 0), '127.0.0.1', () => {
  process.send?.({ type: 'listening', port: server.address().port });
});
process.on('SIGTERM', () => {
  server.close();
  void Promise.allSettled([queue.close(), pool.end()]).then(() => {
    redis.disconnect();
    process.exit(0);
  });
});
