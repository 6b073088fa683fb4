import { insertProviderErasures, providerDeletionProgress } from '@herald/core';
import { captureLogger, createTestStores, type TestStores } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProviderEraser, ProviderError } from '../../providers/provider.js';
import { ProviderErasureRunner } from './provider-erasure.runner.js';

const DAY = 24 * 60 * 60 * 1000;

/** The retries and the giving up of provider deletions (ADR 35), on a clock the test moves. */
describe('ProviderErasureRunner', () => {
  let t: TestStores;
  let now = new Date('2026-12-01T00:00:00Z');
  const calls: string[] = [];
  const refusing: ProviderEraser = async (sid) => {
    calls.push(sid);
    throw new ProviderError('twilio', 'permanent', 'provider_rejected', 'Twilio error 20009', {
      providerCode: 20009,
    });
  };
  const { logger, lines } = captureLogger('provider-erasure-test');
  const runner = (erasers: Record<string, ProviderEraser>) =>
    new ProviderErasureRunner({
      usage: t.stores.usage,
      erasers: new Map(Object.entries(erasers)),
      clock: { now: () => now },
      logger,
      retryMs: 60_000,
    });

  beforeAll(async () => {
    t = await createTestStores();
    await t.stores.usage.transaction().execute((tx) =>
      insertProviderErasures(tx, {
        accountId: 'acc_1',
        erasureId: 'era_1',
        messages: [
          { provider: 'twilio', providerMessageId: 'SM1' },
          { provider: 'twilio-backup', providerMessageId: 'SM2' },
        ],
        at: now,
      }),
    );
  });
  afterAll(() => t.drop());

  it('tries again later, five times longer each time, what the provider refuses or no eraser serves', async () => {
    expect(await runner({ twilio: refusing }).run()).toEqual({
      deleted: 0,
      gone: 0,
      retried: 2,
      failed: 0,
    });
    // Not due yet: nothing is called.
    now = new Date(now.getTime() + 59_000);
    expect((await runner({ twilio: refusing }).run()).retried).toBe(0);
    now = new Date(now.getTime() + 1_000);
    expect((await runner({ twilio: refusing }).run()).retried).toBe(2);
    // The second wait is five minutes.
    now = new Date(now.getTime() + 4 * 60_000);
    expect((await runner({ twilio: refusing }).run()).retried).toBe(0);
    const rows = await t.stores.usage
      .selectFrom('provider_erasures')
      .select(['provider_message_id', 'attempts', 'last_error'])
      .orderBy('provider_message_id')
      .execute();
    expect(rows).toEqual([
      { provider_message_id: 'SM1', attempts: 2, last_error: 'provider_rejected (20009)' },
      { provider_message_id: 'SM2', attempts: 2, last_error: 'provider_not_configured' },
    ]);
    expect(calls).toEqual(['SM1', 'SM1']);
  });

  it('gives up after 15 days and says so; a provider that no longer has the message counts as done', async () => {
    now = new Date(now.getTime() + 16 * DAY);
    const outcomes = await runner({
      twilio: refusing,
      'twilio-backup': async () => 'gone',
    }).run();
    expect(outcomes).toEqual({ deleted: 0, gone: 1, retried: 0, failed: 1 });
    expect(await providerDeletionProgress(t.stores.usage, 'acc_1', 'era_1')).toEqual({
      pending: 0,
      deleted: 0,
      gone: 1,
      failed: 1,
    });
    expect(lines.join('\n')).toContain('could not be deleted in 15 days');
    expect(lines.join('\n')).not.toContain('20009 ');
  });
});
