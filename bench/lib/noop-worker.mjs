// W0: a raw BullMQ worker whose processor does nothing, at the concurrency Herald's workers use.
// Herald's drain rate is reported as a ratio of this one's, measured in the same run.
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';

const { REDIS_URL, W0_QUEUE_PREFIX, W0_QUEUE, WORKER_CONCURRENCY } = process.env;
const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const worker = new Worker(W0_QUEUE ?? 'w0', async () => {}, {
  connection,
  prefix: W0_QUEUE_PREFIX,
  concurrency: Number(WORKER_CONCURRENCY ?? 10),
});
await worker.waitUntilReady();
process.send?.({ type: 'ready' });
process.on('SIGTERM', () => {
  void worker.close().then(() => {
    connection.disconnect();
    process.exit(0);
  });
});
