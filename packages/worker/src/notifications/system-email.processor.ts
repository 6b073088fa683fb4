import {
  DEFAULT_PRIVACY_CONTACT,
  escapeMarkup,
  type Logger,
  type MasterKey,
  openSystemEmail,
  type SystemEmailJob,
  systemEmailJobSchema,
} from '@herald/core';
import { type Job, UnrecoverableError } from 'bullmq';
import { type EmailProvider, ProviderError } from '../providers/provider.js';

export type SystemEmailDeps = {
  masterKey: MasterKey;
  /** PRIVACY_CONTACT: every one of Herald's emails ends with it (issue 17, item 7). */
  privacyContact?: string;
  email: EmailProvider | undefined;
  logger: Logger;
};

/**
 * Sends Herald's own emails (verification, reset, invitations, suspension notices) through the
 * email provider. The email is opened only here, in memory; the job is deleted when it ends.
 */
export function createSystemEmailProcessor(deps: SystemEmailDeps) {
  return async (job: Job<SystemEmailJob>): Promise<void> => {
    if (!deps.email) {
      deps.logger.error(
        { jobId: job.id },
        'no email provider configured: Herald cannot send its own emails',
      );
      throw new UnrecoverableError('channel_not_configured');
    }
    const email = openSystemEmail(deps.masterKey, job.id!, systemEmailJobSchema.parse(job.data));
    try {
      await deps.email.send({
        messageId: job.id!,
        to: email.to,
        from: null,
        content: {
          channel: 'email',
          subject: email.subject,
          ...withPrivacyContact(email, deps.privacyContact ?? DEFAULT_PRIVACY_CONTACT),
        },
      });
      deps.logger.info({ jobId: job.id }, 'system email sent');
    } catch (error) {
      const permanent = error instanceof ProviderError && error.kind === 'permanent';
      deps.logger.warn(
        { jobId: job.id, code: error instanceof ProviderError ? error.code : 'unknown', permanent },
        'system email failed',
      );
      if (permanent) throw new UnrecoverableError(error.code);
      throw error;
    }
  };
}

/** The footer every one of Herald's emails carries: who to write to about privacy. */
export function withPrivacyContact(
  email: { text: string; html?: string },
  contact: string,
): { text: string; html?: string } {
  const line = `Questions about your privacy: ${contact}`;
  return {
    text: `${email.text.trimEnd()}\n\n--\n${line}\n`,
    ...(email.html !== undefined && {
      html: `${email.html}\n<p style="color:#52606d;font-size:13px">${escapeMarkup(line)}</p>`,
    }),
  };
}
