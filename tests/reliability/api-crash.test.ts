import type { TestAccount } from '@herald/api/testing';
import { freePort } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../support/platform.harness.js';
import {
  type RunningProcess,
  startApiCrashingAfterCommit,
  waitForHealthy,
} from '../support/processes.js';
import { baseEnv, duplicatesOf, settle, storeEnvOf } from './support/fleet.js';
import { recordCase } from './support/recorder.js';

const CRASHES = 5;

/**
 * The API process is SIGKILLed between its commit and its enqueue (its entry script is
 * tests/support/api-crashing-after-commit.mjs), several times. The workers' reconciler finds
 * each message; each is sent exactly once, and the client's retry with the same key gets the
 * first message back.
 * tests/e2e/crash-after-commit.test.ts walks one crash step by step; this counts over several.
 */
describe('reliability: the API dies between its commit and its enqueue', () => {
  let p: Platform;
  let account: TestAccount;
  const running: RunningProcess[] = [];
  beforeAll(async () => {
    p = await startPlatform({ channels: ['sms'], reconcile: { intervalMs: 200, graceMs: 500 } });
    account = await p.api.newAccount('Crashes');
  });
  afterAll(async () => {
    for (const proc of running) proc.child.kill('SIGKILL');
    expect(p.api.violations).toEqual([]);
    await p.close();
  });

  it(`when it is killed after the commit ${CRASHES} times, then each message is still sent exactly once`, async () => {
    const env = baseEnv(storeEnvOf(p.api));
    const bodies = Array.from({ length: CRASHES }, (_, i) => ({
      channel: 'sms',
      to: '+14155550100',
      body: `crash after commit #${i}`,
    }));
    let killed = 0;
    for (const [i, body] of bodies.entries()) {
      const port = await freePort();
      const api = startApiCrashingAfterCommit({ ...env, LOG_LEVEL: 'warn', PORT: String(port) });
      running.push(api);
      await waitForHealthy(`http://127.0.0.1:${port}`, api);
      const answered = await fetch(`http://127.0.0.1:${port}/v1/messages`, {
        method: 'POST',
        headers: {
          ...account.auth,
          'Content-Type': 'application/json',
          'Idempotency-Key': `crash-${i}`,
        },
        body: JSON.stringify(body),
      }).then(
        () => true,
        () => false,
      );
      expect(answered).toBe(false);
      if ((await api.exited).signal === 'SIGKILL') killed++;
    }

    const rows = await p.api.t.stores.usage
      .selectFrom('messages')
      .select('id')
      .where('account_id', '=', account.id)
      .execute();
    const ids = rows.map((r) => r.id);
    const outcome = await settle(p.api.t.stores.usage, ids, 15_000, 30_000);

    // The client retries each request against a healthy API: the first message, not a new one.
    let replayed = 0;
    for (const [i, body] of bodies.entries()) {
      const res = await p.api.http
        .post('/v1/messages')
        .set(account.auth)
        .set('Idempotency-Key', `crash-${i}`)
        .send(body);
      if (res.status === 202 && res.headers['idempotent-replayed'] === 'true') replayed++;
    }
    // A few more reconciler rounds: nothing goes out a second time.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const received = p.sinks.twilio.received.filter((m) => m.body.startsWith('crash after commit'));
    const duplicated = duplicatesOf(received);
    await recordCase('api-crash-after-commit', import.meta.filename, {
      lost: CRASHES - (ids.length - outcome.lost),
      duplicated,
      late: outcome.late,
      crashes: killed,
      messagesCommitted: ids.length,
      providerCalls: received.length,
      retriesReplayed: replayed,
      slowestMs: outcome.slowestMs,
    });
    expect(killed).toBe(CRASHES);
    expect(ids).toHaveLength(CRASHES);
    expect(outcome.statuses).toEqual({ sent: CRASHES });
    expect(received).toHaveLength(CRASHES);
    expect(duplicated).toBe(0);
    expect(replayed).toBe(CRASHES);
  }, 120_000);
});
