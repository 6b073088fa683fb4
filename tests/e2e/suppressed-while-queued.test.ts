import type { TestAccount } from '@herald/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';

/**
 * A recipient suppressed after a send was accepted, before a worker took it: the worker checks
 * again, whether from the keyed hashes the job carries (beside its claim, ADR 27) or, for a job
 * without them (rebuilt from PostgreSQL), after its claim. Either way nothing reaches the
 * provider.
 */
describe('when the recipient is suppressed while the message waits in the queue', () => {
  let p: Platform;
  let account: TestAccount;
  beforeAll(async () => {
    p = await startPlatform({ channels: ['sms', 'email'] });
    account = await p.api.newAccount('Queued');
  });
  afterAll(() => p.close());

  const acceptWhilePaused = async (body: Record<string, unknown>) => {
    await Promise.all(p.workers.workers.map((worker) => worker.pause()));
    const res = await p.api.http.post('/v1/messages').set(account.auth).send(body).expect(202);
    return res.body.id as string;
  };
  const suppress = (channel: string, identifier: string) =>
    p.api.http.post('/v1/suppressions').set(account.auth).send({ channel, identifier }).expect(201);
  const resume = () => {
    for (const worker of p.workers.workers) worker.resume();
  };

  it.each([
    { channel: 'sms', to: '+14155550123', body: { body: 'Not for you' } },
    { channel: 'email', to: 'queued@example.com', body: { subject: 'Hi', text: 'Not for you' } },
  ])(
    'then a $channel message carrying the hashes fails recipient_suppressed and is never sent',
    async ({ channel, to, body }) => {
      const id = await acceptWhilePaused({ channel, to, ...body });
      const job = await p.api.built.queues[channel as 'sms' | 'email'].getJob(id);
      // The job carries keyed hashes only: never the recipient.
      expect(job?.data.suppression).toMatchObject({ channel, hash: expect.any(String) });
      expect(JSON.stringify(job?.data)).not.toContain(to);
      await suppress(channel, to);
      resume();
      expect(await waitForStatus(p, account.auth, id, 'failed')).toMatchObject({
        error_code: 'recipient_suppressed',
      });
      expect(p.sinks.twilio.received.filter((m) => m.to === to)).toEqual([]);
      expect(p.sinks.smtp.received.filter((m) => m.to.includes(to))).toEqual([]);
    },
  );

  it('then a job without the hashes (as one rebuilt from PostgreSQL) is checked after its claim', async () => {
    const to = '+14155550124';
    const id = await acceptWhilePaused({ channel: 'sms', to, body: 'Rebuilt' });
    const job = await p.api.built.queues.sms.getJob(id);
    await job!.updateData({ messageId: id, accountId: account.id });
    await suppress('sms', to);
    resume();
    expect(await waitForStatus(p, account.auth, id, 'failed')).toMatchObject({
      error_code: 'recipient_suppressed',
    });
    expect(p.sinks.twilio.received.filter((m) => m.to === to)).toEqual([]);
  });

  it('then a message to someone else still goes out', async () => {
    const id = await acceptWhilePaused({ channel: 'sms', to: '+14155550125', body: 'Hello' });
    resume();
    await waitForStatus(p, account.auth, id, 'sent');
  });
});
