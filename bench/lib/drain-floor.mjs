// W1, the durable drain floor: the least a durable dispatcher can do per message — a raw BullMQ
// worker that claims the row (one UPDATE … RETURNING), makes one HTTP POST to a provider-like
// server in another process, and records `sent` (one UPDATE). No auth, no encryption, no
// suppression, no events table, no SDK. The bench's port of shared/floors/drain-floor.cjs,
// with its stores and Redis given by the environment; Herald's drain is reported as a ratio of
// it, measured in the same run at the same concurrency.
//
// Env: FLOOR_DATABASE_URL, REDIS_URL, W1_QUEUE_PREFIX, W1_MESSAGES, WORKER_CONCURRENCY.
// Sends {type:'result', rate, p50ms, p99ms, cpuMsPerMessage, machineCpuMsPerMessage} (the rate
// and the machine's CPU between 10 % and 90 % of the messages).
import { fork } from 'node:child_process';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { machineBusyMs } from './machine-cpu.mjs';

if (process.argv[2] === '--sink') {
  // A provider stand-in: reads a form body, answers a Twilio-shaped JSON with a sid. It goes
  // with W1: the bench stops W1 with SIGTERM right after its result, before W1 stops this.
  process.on('disconnect', () => process.exit(0));
  let n = 0;
  http
    .createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        n++;
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            sid: `SM${String(n).padStart(32, '0')}`,
            status: 'queued',
            len: body.length,
          }),
        );
      });
    })
    .listen(0, '127.0.0.1', function onListen() {
      process.send(this.address().port);
    });
} else {
  await main();
}

async function main() {
  const { FLOOR_DATABASE_URL, REDIS_URL, W1_QUEUE_PREFIX, W1_MESSAGES, WORKER_CONCURRENCY } =
    process.env;
  const n = Number(W1_MESSAGES ?? 20_000);
  const concurrency = Number(WORKER_CONCURRENCY ?? 10);
  const sink = fork(new URL(import.meta.url).pathname, ['--sink']);
  const port = await new Promise((resolve) => sink.once('message', resolve));
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const post = (form) =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/2010-04-01/Accounts/AC1/Messages.json',
          agent,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(form),
          },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve(JSON.parse(body)));
        },
      );
      req.on('error', reject);
      req.end(form);
    });

  const pool = new pg.Pool({ connectionString: FLOOR_DATABASE_URL, max: concurrency });
  const table = `floor_drain_${process.pid}`;
  await pool.query(
    `create unlogged table if not exists ${table} (id bigserial primary key, recipient text, body text, status text, provider_id text, created_at timestamptz default now(), sent_at timestamptz)`,
  );
  const ids = [];
  for (let i = 0; i < n; i += 1000) {
    const k = Math.min(1000, n - i);
    const { rows } = await pool.query(
      `insert into ${table} (recipient, body, status) select '+1415555' || lpad(g::text, 4, '0'), 'Your code is ' || g, 'queued' from generate_series(1, $1) g returning id`,
      [k],
    );
    ids.push(...rows.map((row) => String(row.id)));
  }
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('w1', { connection, prefix: W1_QUEUE_PREFIX });
  for (let i = 0; i < ids.length; i += 1000)
    await queue.addBulk(
      ids.slice(i, i + 1000).map((id) => ({
        name: 'send',
        data: { id },
        opts: { jobId: `m${id}`, attempts: 5, removeOnComplete: { count: 10000 } },
      })),
    );

  const claim = {
    name: 'w1_claim',
    text: `update ${table} set status = 'sending' where id = $1 and status = 'queued' returning recipient, body`,
  };
  const done = {
    name: 'w1_done',
    text: `update ${table} set status = 'sent', provider_id = $2, sent_at = now() where id = $1`,
  };
  const stamps = [];
  const latencies = [];
  // CPU time from the first job to the last (user + system), for the CPU per message.
  let cpuAtFirstJob;
  const worker = new Worker(
    'w1',
    async (job) => {
      cpuAtFirstJob ??= process.cpuUsage();
      const t0 = performance.now();
      const { rows } = await pool.query({ ...claim, values: [job.data.id] });
      if (!rows.length) return;
      const answer = await post(
        new URLSearchParams({
          To: rows[0].recipient,
          From: '+15005550001',
          Body: rows[0].body,
        }).toString(),
      );
      await pool.query({ ...done, values: [job.data.id, answer.sid] });
      latencies.push(performance.now() - t0);
    },
    { connection, prefix: W1_QUEUE_PREFIX, concurrency },
  );
  // The machine's busy time at the same 10 % and 90 % marks as the rate.
  const busyAt = {};
  worker.on('completed', () => {
    stamps.push(Date.now());
    if (stamps.length === Math.floor(n * 0.1) + 1) busyAt.from = machineBusyMs();
    if (stamps.length === Math.floor(n * 0.9)) busyAt.to = machineBusyMs();
  });
  while (stamps.length < n) await new Promise((resolve) => setTimeout(resolve, 200));
  const cpu = process.cpuUsage(cpuAtFirstJob);
  const from = stamps[Math.floor(n * 0.1)];
  const to = stamps[Math.floor(n * 0.9) - 1];
  latencies.sort((a, b) => a - b);
  process.send?.({
    type: 'result',
    rate: Math.round((0.8 * n) / ((to - from) / 1000)),
    p50ms: Number(latencies[Math.floor(latencies.length / 2)].toFixed(2)),
    p99ms: Number(latencies[Math.floor(latencies.length * 0.99)].toFixed(2)),
    cpuMsPerMessage: Number(((cpu.user + cpu.system) / 1000 / n).toFixed(3)),
    machineCpuMsPerMessage:
      busyAt.from == null || busyAt.to == null
        ? null
        : Number(
            ((busyAt.to - busyAt.from) / (Math.floor(n * 0.9) - Math.floor(n * 0.1) - 1)).toFixed(
              2,
            ),
          ),
  });
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await pool.query(`drop table ${table}`);
  await pool.end();
  connection.disconnect();
  sink.kill();
  agent.destroy();
  process.exit(0);
}
