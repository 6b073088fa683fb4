import type { TestAccount } from '@herald/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../support/platform.harness.js';
import { duplicatesOf, settle } from './support/fleet.js';
import { recordCase } from './support/recorder.js';

/** The client retries impatiently: 50 identical POSTs with one Idempotency-Key at once. */
describe('reliability: the idempotency race', () => {
  let p: Platform;
  let account: TestAccount;
  beforeAll(async () => {
    p = await startPlatform({ channels: ['sms'], concurrency: 10 });
    account = await p.api.newAccount('Race');
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await p.close();
  });

  it('when 50 parallel POSTs carry one key, then exactly one message exists and the provider gets one call', async () => {
    const body = { channel: 'sms', to: '+14155550100', body: 'race to the provider' };
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        p.api.http
          .post('/v1/messages')
          .set(account.auth)
          .set('Idempotency-Key', 'race-50')
          .send(body),
      ),
    );
    const statuses = responses.map((r) => r.status);
    // Each answer is the message (first or replayed) or "in use, retry": never a second message.
    expect(statuses.every((s) => s === 202 || s === 409)).toBe(true);
    const ids = new Set(responses.filter((r) => r.status === 202).map((r) => r.body.id as string));
    expect(ids.size).toBe(1);
    for (const r of responses.filter((r) => r.status === 409))
      expect(r.body.code).toBe('idempotency_key_in_use');

    const rows = await p.api.t.stores.usage
      .selectFrom('messages')
      .select('id')
      .where('account_id', '=', account.id)
      .execute();
    const outcome = await settle(
      p.api.t.stores.usage,
      rows.map((r) => r.id),
      10_000,
      15_000,
    );
    // A moment more for any stray second job to reach the provider.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const calls = p.sinks.twilio.received.filter((m) => m.body === body.body).length;
    await recordCase('idempotency-race-50', import.meta.filename, {
      lost: outcome.lost,
      duplicated: duplicatesOf(p.sinks.twilio.received),
      late: outcome.late,
      requests: 50,
      accepted202: statuses.filter((s) => s === 202).length,
      inUse409: statuses.filter((s) => s === 409).length,
      messagesCreated: rows.length,
      providerCalls: calls,
    });
    expect(rows).toHaveLength(1);
    expect(calls).toBe(1);
    expect(outcome.lost).toBe(0);
  });
});
