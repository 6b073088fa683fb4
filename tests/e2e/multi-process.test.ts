import { type ApiHarness, startApiHarness, type TestAccount } from '@herald/api/testing';
import { startTwilioSink, type TwilioSink } from '@herald/devkit';
import { eventually } from '@herald/devkit/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, settle, storeEnvOf } from '../reliability/support/fleet.js';
import {
  type Processes,
  pidsThatLogged,
  startBothWithProcesses,
} from '../support/multi-process.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const MESSAGES = 300;
/** Of them, sent a second time with the same Idempotency-Key (maybe to the other API process). */
const REPEATED = 60;
const CLIENTS = 12;
const OPERATOR_TOKEN = 'multi-process-operator-token-0123456789';

/**
 * Two API processes and two worker processes (API_PROCESSES=2, WORKER_PROCESSES=2: real
 * node:cluster primaries) on the same stores and Redis, the provider a local Twilio server
 * and the customer's endpoint a local receiver.
 */
describe('when 2 API processes and 2 worker processes serve the same stores', () => {
  let harness: ApiHarness;
  let account: TestAccount;
  let twilio: TwilioSink;
  let receiver: WebhookReceiver;
  let api: Processes;
  let worker: Processes;

  beforeAll(async () => {
    harness = await startApiHarness();
    account = await harness.newAccount('Multi-process');
    twilio = await startTwilioSink();
    receiver = await startWebhookReceiver();
    const env = {
      ...baseEnv(storeEnvOf(harness)),
      WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true',
      HERALD_OPERATOR_TOKEN: OPERATOR_TOKEN,
      DEFAULT_RATE_LIMIT_PER_SECOND: '100000',
      // Up to date already: the primaries' one migration each runs, and finds nothing to do.
      API_MIGRATE_ON_START: 'true',
      WORKER_MIGRATE_ON_START: 'true',
    };
    ({ api, worker } = await startBothWithProcesses({
      env,
      twilio,
      processes: 2,
      workerEnv: { WEBHOOK_RELAY_INTERVAL_MS: '200' },
    }));
  }, 120_000);
  afterAll(async () => {
    for (const proc of [api, worker]) proc?.child.kill('SIGKILL');
    await receiver.close();
    await twilio.close();
    await harness.close();
  });

  const post = async (path: string, body: object, headers: Record<string, string> = {}) => {
    const res = await fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: { ...account.auth, 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as { id: string } };
  };

  it('then every message is sent once, every final status and webhook lands once, and both processes of each served', async () => {
    const endpoint = await post('/v1/webhook-endpoints', { url: receiver.url });
    expect(endpoint.status).toBe(201);

    // Clients in parallel, each on its own connections: the primary hands each connection to a child.
    const ids: string[] = new Array(MESSAGES);
    let replayed = 0;
    let next = 0;
    const client = async () => {
      for (let i = next++; i < MESSAGES; i = next++) {
        const key = i < REPEATED ? { 'Idempotency-Key': `multi-${i}` } : undefined;
        const body = { channel: 'sms', to: '+14155550100', body: `multi #${i}` };
        const first = await post('/v1/messages', body, key);
        expect(first.status).toBe(202);
        ids[i] = first.body.id;
        if (!key) continue;
        const again = await post('/v1/messages', body, key);
        expect(again.body.id).toBe(first.body.id);
        if (again.headers.get('idempotent-replayed') === 'true') replayed++;
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    expect(new Set(ids).size).toBe(MESSAGES);
    expect(replayed).toBe(REPEATED);

    const outcome = await settle(harness.t.stores.usage, ids, 60_000, 90_000);
    expect(outcome).toMatchObject({ lost: 0, statuses: { sent: MESSAGES } });
    // Each message reached the provider once.
    const bodies = twilio.received.map((m) => m.body).filter((b) => b.startsWith('multi #'));
    expect(bodies).toHaveLength(MESSAGES);
    expect(new Set(bodies).size).toBe(MESSAGES);

    // Every delivery on record made, and each event arrived once (by its webhook-id).
    const sent = () => receiver.events().filter((e) => e.type === 'message.sent');
    await eventually(() => sent().length >= MESSAGES, {
      timeoutMs: 60_000,
      what: "every message's message.sent webhook",
    });
    // The deliveries' table is the webhooks feature's own (not in the usage store's schema).
    const deliveries = async () =>
      (
        await sql<{ event_id: string; finished_at: Date | null }>`
          select event_id, finished_at from webhook_deliveries where account_id = ${account.id}
        `.execute(harness.t.stores.usage)
      ).rows;
    await eventually(async () => (await deliveries()).every((d) => d.finished_at !== null), {
      timeoutMs: 60_000,
      what: 'every webhook delivery to finish',
    });
    const recorded = new Set((await deliveries()).map((d) => d.event_id));
    const arrived = receiver.received.map((r) => r.headers['webhook-id']);
    expect(arrived).toHaveLength(recorded.size);
    expect(new Set(arrived)).toEqual(recorded);
    expect(new Set(sent().map((e) => e.data.message?.id))).toEqual(new Set(ids));
    expect(sent()).toHaveLength(MESSAGES);

    // Both processes of each did the work, and their primaries report the sum of both.
    const sendOperation = (line: Record<string, unknown>) => line.operation === 'sendMessage';
    expect(pidsThatLogged(api, 'request', sendOperation).size).toBe(2);
    expect(pidsThatLogged(worker, 'message sent').size).toBe(2);
    const workerMetrics = await (await fetch(`${worker.url}/metrics`)).text();
    expect(counter(workerMetrics, 'herald_messages_sent_total')).toBe(MESSAGES);
    const apiMetrics = await (
      await fetch(`${api.url}/metrics`, { headers: { Authorization: `Bearer ${OPERATOR_TOKEN}` } })
    ).text();
    expect(counter(apiMetrics, 'herald_messages_accepted_total')).toBe(MESSAGES);
  }, 240_000);

  it('then SIGTERM to each primary stops every child and exits 0', async () => {
    api.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
    expect(await api.exited).toEqual({ code: 0, signal: null });
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(pidsThatLogged(worker, 'worker stopped').size).toBe(2);
    expect(pidsThatLogged(api, 'api stopped').size).toBe(2);
  }, 60_000);
});

/** The sum of a counter's series in a Prometheus text answer. */
function counter(text: string, name: string): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}
