import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { open, seal } from '../crypto/aead.js';
import type { MasterKey } from '../crypto/master-key.js';
import { newId } from '../ids.js';

/**
 * Herald's own emails to its customers (verification, password reset, invitations, suspension
 * notices) go through the worker's email channel on their own queue. They are Herald's account
 * data, not a customer's usage data, so they never enter the usage or content stores: the
 * email rides the job sealed with the master key, and the job is deleted when it ends.
 */
export const SYSTEM_EMAIL_QUEUE = 'system-email';
export const SYSTEM_EMAIL_JOB = 'system-email.v1';

export type SystemEmail = { to: string; subject: string; text: string; html?: string };

export const systemEmailJobSchema = z.object({ sealed: z.string() });
export type SystemEmailJob = z.infer<typeof systemEmailJobSchema>;

export const systemEmailJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000, jitter: 0.5 },
  removeOnComplete: true,
  removeOnFail: true,
} satisfies JobsOptions;

function aad(jobId: string): string {
  return `herald:system-email:${jobId}`;
}

export function sealSystemEmail(
  masterKey: MasterKey,
  jobId: string,
  email: SystemEmail,
): SystemEmailJob {
  return {
    sealed: seal(masterKey.key, Buffer.from(JSON.stringify(email), 'utf8'), aad(jobId)).toString(
      'base64',
    ),
  };
}

export function openSystemEmail(
  masterKey: MasterKey,
  jobId: string,
  job: SystemEmailJob,
): SystemEmail {
  return JSON.parse(
    open(masterKey.key, Buffer.from(job.sealed, 'base64'), aad(jobId)).toString('utf8'),
  );
}

export function createSystemEmailQueue(connection: Redis, prefix: string): Queue<SystemEmailJob> {
  return new Queue<SystemEmailJob>(SYSTEM_EMAIL_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: systemEmailJobOptions,
  });
}

/** Sends Herald's own emails through the worker. */
export class SystemMailer {
  constructor(
    private readonly queue: Queue<SystemEmailJob>,
    private readonly masterKey: MasterKey,
  ) {}

  async send(email: SystemEmail): Promise<void> {
    const jobId = newId('msg').replace('msg_', 'sys_');
    await this.queue.add(SYSTEM_EMAIL_JOB, sealSystemEmail(this.masterKey, jobId, email), {
      jobId,
    });
  }
}
