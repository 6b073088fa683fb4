import type { TestAccount } from '@herald/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';
import { duplicatesOf } from './support/fleet.js';
import { type CaseResult, recordCase } from './support/recorder.js';

/**
 * A provider that fails in each way a real one does: 5xx, 429 with Retry-After, and a request
 * that hangs until the client's timeout (Twilio's client gives up after 15 s). Retries follow
 * the policy (README: backoff, Retry-After wins); with a backup configured, it takes over.
 * tests/e2e/delivery-failures.test.ts covers permanent failures and the last attempt.
 */
const measured: CaseResult = { lost: 0, duplicated: 0, late: 0 };

describe('reliability: provider faults', () => {
  let p: Platform;
  let backed: Platform;
  let account: TestAccount;
  let backedAccount: TestAccount;
  beforeAll(async () => {
    [p, backed] = await Promise.all([
      startPlatform({ channels: ['sms'], retryBaseMs: 200, retryMaxMs: 60_000 }),
      startPlatform({
        channels: ['sms', 'email'],
        retryBaseMs: 200,
        failover: { primaryAttempts: 1, breakerThreshold: 100 },
      }),
    ]);
    account = await p.api.newAccount('Faults');
    backedAccount = await backed.api.newAccount('Failover');
  });
  afterAll(async () => {
    // A failed start already failed the suite; its platforms have nothing to count or close.
    if (!p || !backed) return;
    measured.duplicated =
      duplicatesOf(p.sinks.twilio.received) +
      duplicatesOf(backed.sinks.twilio.received, backed.backups!.twilio.received);
    await recordCase('provider-faults', import.meta.filename, measured);
    expect(p.api.violations).toEqual([]);
    await Promise.all([p.close(), backed.close()]);
  });

  const sendSms = async (platform: Platform, who: TestAccount, body: string) => {
    const res = await platform.api.http
      .post('/v1/messages')
      .set(who.auth)
      .send({ channel: 'sms', to: '+14155550100', body })
      .expect(202);
    return { id: res.body.id as string, at: Date.now() };
  };
  const attemptsOf = async (platform: Platform, id: string) =>
    (
      await platform.api.t.stores.usage
        .selectFrom('messages')
        .select('attempts')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).attempts;
  const finish = async (platform: Platform, who: TestAccount, id: string, timeoutMs = 30_000) => {
    try {
      return await waitForStatus(platform, who.auth, id, 'sent', timeoutMs);
    } catch (error) {
      measured.lost += 1;
      throw error;
    }
  };

  it('when Twilio answers 500 then 503, then the SMS is sent on the third attempt, once', async () => {
    p.sinks.twilio.failNext({ count: 1, status: 500 });
    p.sinks.twilio.failNext({ count: 1, status: 503 });
    const { id } = await sendSms(p, account, 'fault 5xx');
    await finish(p, account, id);
    measured.attemptsAfter5xx = await attemptsOf(p, id);
    expect(measured.attemptsAfter5xx).toBe(3);
    expect(p.sinks.twilio.received.filter((m) => m.body === 'fault 5xx')).toHaveLength(1);
  });

  it('when Twilio answers 429 with Retry-After: 2, then the retry waits the 2 s, not the 200 ms backoff', async () => {
    p.sinks.twilio.failNext({ count: 1, status: 429, retryAfterSeconds: 2 });
    const { id, at } = await sendSms(p, account, 'fault 429');
    await finish(p, account, id);
    const sent = p.sinks.twilio.received.find((m) => m.body === 'fault 429')!;
    measured.retryAfterWaitedMs = sent.receivedAt.getTime() - at;
    expect(measured.retryAfterWaitedMs).toBeGreaterThanOrEqual(1900);
    expect(await attemptsOf(p, id)).toBe(2);
  });

  it('when Twilio hangs, then the client times out and the retry sends it once', async () => {
    p.sinks.twilio.failNext({ count: 1, status: 0, hang: true });
    const { id, at } = await sendSms(p, account, 'fault hang');
    await finish(p, account, id, 40_000);
    measured.hangRecoveredMs = Date.now() - at;
    expect(await attemptsOf(p, id)).toBe(2);
    expect(p.sinks.twilio.received.filter((m) => m.body === 'fault hang')).toHaveLength(1);
  }, 60_000);

  it('when the primary Twilio answers 503, then the backup account sends the SMS', async () => {
    backed.sinks.twilio.failNext({ count: 1, status: 503 });
    const { id } = await sendSms(backed, backedAccount, 'failover 5xx');
    const message = await finish(backed, backedAccount, id);
    expect(message.provider).toBe('twilio-backup');
    expect(backed.backups!.twilio.received.filter((m) => m.body === 'failover 5xx')).toHaveLength(
      1,
    );
    expect(backed.sinks.twilio.received.filter((m) => m.body === 'failover 5xx')).toHaveLength(0);
    measured.failoverAfter5xx = String(message.provider);
  });

  it('when the primary SMTP server answers 421, then the backup server sends the email', async () => {
    backed.sinks.smtp.failNext({ count: 1, code: 421 });
    const res = await backed.api.http
      .post('/v1/messages')
      .set(backedAccount.auth)
      .send({ channel: 'email', to: 'ada@example.com', subject: 'Failover', text: 'smtp' })
      .expect(202);
    const message = await finish(backed, backedAccount, res.body.id);
    expect(message.provider).toBe('smtp-backup');
    measured.failoverAfterSmtp4xx = String(message.provider);
  });

  it('when the primary Twilio hangs, then after its timeout the backup sends the SMS', async () => {
    backed.sinks.twilio.failNext({ count: 1, status: 0, hang: true });
    const { id } = await sendSms(backed, backedAccount, 'failover hang');
    const message = await finish(backed, backedAccount, id, 40_000);
    expect(message.provider).toBe('twilio-backup');
    measured.failoverAfterHang = String(message.provider);
  }, 60_000);
});
