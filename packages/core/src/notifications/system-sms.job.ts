import { type JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';
import { open, seal } from '../platform/crypto/aead.js';
import type { MasterKey } from '../platform/crypto/master-key.js';
import { newId } from '../platform/ids.js';
import { bullPrefix } from '../platform/redis/queue-keys.js';
import type { RedisClient } from '../platform/redis/redis.js';

/**
 * Herald's own text messages (the codes that prove control of a number) go through the worker's
 * SMS provider, from its default sender, on their own queue. Like Herald's own emails they are
 * not a customer's messages: they never enter the usage or content stores, the text rides the
 * job sealed with the master key (a code in Redis is never readable), and the job is deleted
 * when it ends.
 */
export const SYSTEM_SMS_QUEUE = 'system-sms';
export const SYSTEM_SMS_JOB = 'system-sms.v1';

export type SystemSms = { to: string; body: string };

export const systemSmsJobSchema = z.object({ sealed: z.string() });
export type SystemSmsJob = z.infer<typeof systemSmsJobSchema>;

export const systemSmsJobOptions = {
  // A code is worth little after its 10 minutes: a few quick tries, then it is given up.
  attempts: 4,
  backoff: { type: 'exponential', delay: 2000, jitter: 0.5 },
  removeOnComplete: true,
  removeOnFail: true,
} satisfies JobsOptions;

const aad = (jobId: string) => `herald:system-sms:${jobId}`;

export function openSystemSms(masterKey: MasterKey, jobId: string, job: SystemSmsJob): SystemSms {
  return JSON.parse(
    open(masterKey.key, Buffer.from(job.sealed, 'base64'), aad(jobId)).toString('utf8'),
  );
}

export function createSystemSmsQueue(connection: RedisClient, prefix: string): Queue<SystemSmsJob> {
  return new Queue<SystemSmsJob>(SYSTEM_SMS_QUEUE, {
    connection,
    prefix: bullPrefix(prefix, SYSTEM_SMS_QUEUE),
    defaultJobOptions: systemSmsJobOptions,
  });
}

/** Sends Herald's own text messages through the worker. */
export class SystemTexter {
  constructor(private readonly deps: { queue: Queue<SystemSmsJob>; masterKey: MasterKey }) {}

  async send(sms: SystemSms): Promise<void> {
    const jobId = newId('msg').replace('msg_', 'sys_');
    const sealed = seal(
      this.deps.masterKey.key,
      Buffer.from(JSON.stringify(sms), 'utf8'),
      aad(jobId),
    );
    await this.deps.queue.add(SYSTEM_SMS_JOB, { sealed: sealed.toString('base64') }, { jobId });
  }
}
