import { type ApiHarness, startApiHarness, type TestAccount, validSms } from '@herald/api/testing';
import { QueueRepairService, systemClock } from '@herald/core';
import { captureLogger } from '@herald/devkit/testing';
import { createReconcileProcessor } from '@herald/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('the reconciler', () => {
  let h: ApiHarness;
  let account: TestAccount;
  beforeAll(async () => {
    h = await startApiHarness();
    account = await h.newAccount();
  });
  afterAll(() => h.close());

  const reconcile = async () =>
    (
      await createReconcileProcessor({
        repair: new QueueRepairService({
          usage: h.t.stores.usage,
          queues: h.built.queues,
          graceMs: 0,
          clock: systemClock,
        }),
        logger: captureLogger().logger,
      })()
    ).messages;

  it('re-enqueues a queued message whose job is gone, and leaves the others alone', async () => {
    const lost = await h.http.post('/v1/messages').set(account.auth).send(validSms).expect(202);
    const kept = await h.http.post('/v1/messages').set(account.auth).send(validSms).expect(202);
    await (await h.built.queues.sms.getJob(lost.body.id))!.remove();
    await new Promise((resolve) => setTimeout(resolve, 5));

    expect(await reconcile()).toBe(1);
    expect(await h.built.queues.sms.getJob(lost.body.id)).toBeDefined();
    expect(await h.built.queues.sms.getJob(kept.body.id)).toBeDefined();
    expect(await reconcile()).toBe(0);
  });

  it('re-enqueues a message left sending whose job Redis lost, and not one a worker holds', async () => {
    const lost = await h.http.post('/v1/messages').set(account.auth).send(validSms).expect(202);
    const held = await h.http.post('/v1/messages').set(account.auth).send(validSms).expect(202);
    // As a worker's claim leaves them; then Redis loses one job (restarted without its data).
    await h.t.stores.usage
      .updateTable('messages')
      .set({ status: 'sending', updated_at: new Date(Date.now() - 60_000) })
      .where('id', 'in', [lost.body.id, held.body.id])
      .execute();
    await (await h.built.queues.sms.getJob(lost.body.id))!.remove();

    expect(await reconcile()).toBe(1);
    expect(await h.built.queues.sms.getJob(lost.body.id)).toBeDefined();
    expect(await reconcile()).toBe(0);
  });

  it('gives a scheduled message whose job is gone its delay back', async () => {
    const sendAt = new Date(Date.now() + 20 * 60_000);
    const res = await h.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ ...validSms, send_at: sendAt.toISOString() })
      .expect(202);
    await (await h.built.queues.sms.getJob(res.body.id))!.remove();
    await new Promise((resolve) => setTimeout(resolve, 5));

    await reconcile();
    const job = await h.built.queues.sms.getJob(res.body.id);
    expect(await job!.isDelayed()).toBe(true);
    expect(job!.timestamp + job!.opts.delay!).toBeGreaterThan(sendAt.getTime() - 1000);
  });
});
