import {
  type Logger,
  type MasterKey,
  openSystemSms,
  type SystemSmsJob,
  systemSmsJobSchema,
} from '@herald/core';
import { type Job, UnrecoverableError } from 'bullmq';
import { ProviderError, type SmsProvider } from '../providers/provider.js';

export type SystemSmsDeps = {
  masterKey: MasterKey;
  sms: SmsProvider | undefined;
  logger: Logger;
};

/**
 * Sends Herald's own text messages (the codes that prove control of a number) through the SMS
 * provider, from its default sender. The text is opened only here, in memory, and never logged:
 * it holds the code. The job is deleted when it ends.
 */
export function createSystemSmsProcessor(deps: SystemSmsDeps) {
  return async (job: Job<SystemSmsJob>): Promise<void> => {
    if (!deps.sms) {
      deps.logger.error({ jobId: job.id }, 'no SMS provider configured: Herald cannot text codes');
      throw new UnrecoverableError('channel_not_configured');
    }
    const sms = openSystemSms(deps.masterKey, job.id!, systemSmsJobSchema.parse(job.data));
    try {
      await deps.sms.send({
        messageId: job.id!,
        to: sms.to,
        from: null,
        content: { channel: 'sms', body: sms.body },
      });
      deps.logger.info({ jobId: job.id }, 'system SMS sent');
    } catch (error) {
      const permanent = error instanceof ProviderError && error.kind === 'permanent';
      deps.logger.warn(
        { jobId: job.id, code: error instanceof ProviderError ? error.code : 'unknown', permanent },
        'system SMS failed',
      );
      if (permanent) throw new UnrecoverableError(error.code);
      throw error;
    }
  };
}
