import type { WorkerConfig } from './config.js';
import type { Providers } from './messages/dispatch.processor.js';
import { CircuitBreaker, withFailover } from './providers/failover.provider.js';
import { createFcmMessaging, createFcmProvider } from './providers/fcm.provider.js';
import type { Provider } from './providers/provider.js';
import { createSmtpProvider, createSmtpTransport } from './providers/smtp.provider.js';
import { createTwilioClient, createTwilioProvider } from './providers/twilio.provider.js';

type ProviderConfig = Partial<
  Pick<WorkerConfig, 'twilio' | 'smtp' | 'fcm' | 'publicUrl' | 'failover'>
>;

/**
 * Builds each configured provider from its vendor SDK client; unconfigured channels stay empty.
 * A channel with a backup (a second Twilio account, a second SMTP server) fails over to it;
 * the backup is named `<primary>-backup`, so messages and errors say which of the two it was.
 */
export function buildProviders(config: ProviderConfig): Providers {
  const providers: Providers = {};
  const failover = <C>(primary: Provider<C>, backup: Provider<C> | undefined): Provider<C> => {
    if (!backup) return primary;
    const policy = config.failover ?? {
      primaryAttempts: 3,
      breakerThreshold: 5,
      breakerCooldownMs: 60_000,
    };
    return withFailover(primary, backup, {
      primaryAttempts: policy.primaryAttempts,
      breaker: new CircuitBreaker(policy.breakerThreshold, policy.breakerCooldownMs),
    });
  };
  if (config.twilio) {
    const twilio = (
      account: NonNullable<WorkerConfig['twilio']>['backup'] & object,
      name: string,
    ) =>
      createTwilioProvider(
        createTwilioClient({
          accountSid: account.accountSid,
          authToken: account.authToken,
          apiUrl: account.apiUrl,
        }),
        { name, defaultFrom: account.fromNumber, publicUrl: config.publicUrl },
      );
    providers.sms = failover(
      twilio(config.twilio, 'twilio'),
      config.twilio.backup && twilio(config.twilio.backup, 'twilio-backup'),
    );
  }
  if (config.smtp) {
    const smtp = (url: string, name: string) =>
      createSmtpProvider(createSmtpTransport(url), { name, defaultFrom: config.smtp!.from });
    providers.email = failover(
      smtp(config.smtp.url, 'smtp'),
      config.smtp.backupUrl ? smtp(config.smtp.backupUrl, 'smtp-backup') : undefined,
    );
  }
  if (config.fcm) {
    providers.push = createFcmProvider(
      createFcmMessaging({
        projectId: config.fcm.projectId,
        credentialsFile: config.fcm.credentialsFile,
        apiUrl: config.fcm.apiUrl,
      }),
    );
  }
  return providers;
}
