import { type JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';
import { open, seal } from '../platform/crypto/aead.js';
import type { MasterKey } from '../platform/crypto/master-key.js';
import { newId } from '../platform/ids.js';
import type { Logger } from '../platform/logging/logger.js';
import { ThrottleKeys } from '../platform/rate-limit/throttle-keys.js';
import { bullPrefix } from '../platform/redis/queue-keys.js';
import type { RedisClient } from '../platform/redis/redis.js';
import {
  type OwnEmailLimits,
  OwnEmailThrottle,
  type SystemEmailKind,
} from './own-email-throttle.js';

/**
 * Herald's own emails to its customers (verification, password reset, invitations, suspension
 * notices) go through the worker's email channel on their own queue. They are Herald's account
 * data, not a customer's usage data, so they never enter the usage or content stores: the
 * email rides the job sealed with the master key, and the job is deleted when it ends.
 */
export const SYSTEM_EMAIL_QUEUE = 'system-email';
export const SYSTEM_EMAIL_JOB = 'system-email.v1';

export type SystemEmail = {
  kind: SystemEmailKind;
  to: string;
  subject: string;
  text: string;
  html?: string;
};

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

export function createSystemEmailQueue(
  connection: RedisClient,
  prefix: string,
): Queue<SystemEmailJob> {
  return new Queue<SystemEmailJob>(SYSTEM_EMAIL_QUEUE, {
    connection,
    prefix: bullPrefix(prefix, SYSTEM_EMAIL_QUEUE),
    defaultJobOptions: systemEmailJobOptions,
  });
}

export type SystemMailerDeps = {
  queue: Queue<SystemEmailJob>;
  masterKey: MasterKey;
  /** Every email passes it: no caller can send one of Herald's emails around the limit. */
  throttle: OwnEmailThrottle;
  logger: Logger;
};

/** What became of an email: on its way, or dropped because its recipient had enough of them. */
export type SystemEmailOutcome = 'queued' | 'throttled';

/** Sends Herald's own emails through the worker, within each recipient's limits. */
export class SystemMailer {
  constructor(private readonly deps: SystemMailerDeps) {}

  async send(email: SystemEmail): Promise<SystemEmailOutcome> {
    if (!(await this.deps.throttle.allow(email.kind, email.to))) {
      // By kind only: the address is personal data, and the drop is the recipient's protection.
      this.deps.logger.warn({ kind: email.kind }, 'own email over its recipient limit: not sent');
      return 'throttled';
    }
    const jobId = newId('msg').replace('msg_', 'sys_');
    await this.deps.queue.add(
      SYSTEM_EMAIL_JOB,
      sealSystemEmail(this.deps.masterKey, jobId, email),
      { jobId },
    );
    return 'queued';
  }
}

/** The mailer and its queue, built the same way by every process that sends Herald's emails. */
export function createSystemMailer(options: {
  redis: RedisClient;
  prefix: string;
  masterKey: MasterKey;
  limits?: OwnEmailLimits;
  logger: Logger;
}): { mailer: SystemMailer; queue: Queue<SystemEmailJob> } {
  const queue = createSystemEmailQueue(options.redis, options.prefix);
  const throttle = new OwnEmailThrottle({
    redis: options.redis,
    prefix: options.prefix,
    keys: new ThrottleKeys(options.masterKey),
    limits: options.limits,
  });
  const mailer = new SystemMailer({
    queue,
    masterKey: options.masterKey,
    throttle,
    logger: options.logger,
  });
  return { mailer, queue };
}
