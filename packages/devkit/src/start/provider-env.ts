import { twilioInboundUrl } from '@herald/core';
import { type DevSinks, startDevSinks } from '../sinks/index.js';
import type { StartConfig } from './start-config.js';

/** The development sender numbers and addresses the sinks accept. */
export const DEV_SMS_FROM = '+15005550006';
export const DEV_EMAIL_FROM = 'Herald Dev <dev@herald.localhost>';
export const DEV_FCM_PROJECT = 'herald-dev';

/**
 * Starts a local sink for each channel whose provider the environment does not configure, and
 * returns the variables that point the worker's real SDKs at them. The Twilio sink calls the
 * API back at `publicUrl` (delivery receipts, inbound SMS), signed with the auth token that
 * both the worker and the API get.
 */
export async function startSinksForUnconfigured(
  config: Pick<StartConfig, 'sinkPorts' | 'configured' | 'emailFrom' | 'publicUrl'>,
): Promise<{ sinks: DevSinks; env: Record<string, string>; local: string[] }> {
  const sinks = await startDevSinks({ ports: config.sinkPorts });
  const out: Record<string, string> = {};
  const local: string[] = [];
  if (!config.configured.sms) {
    Object.assign(out, {
      TWILIO_ACCOUNT_SID: sinks.twilio.accountSid,
      TWILIO_AUTH_TOKEN: sinks.twilio.authToken,
      TWILIO_FROM_NUMBER: DEV_SMS_FROM,
      TWILIO_API_URL: sinks.twilio.url,
    });
    sinks.twilio.inboundUrl = twilioInboundUrl(config.publicUrl);
    local.push(
      `sms   → Twilio-compatible server ${sinks.twilio.url} (received: ${sinks.twilio.url}/__sink/messages; text a number: POST ${sinks.twilio.url}/__sink/inbound)`,
    );
  }
  if (!config.configured.email) {
    Object.assign(out, {
      SMTP_URL: sinks.smtp.url,
      EMAIL_FROM: config.emailFrom ?? DEV_EMAIL_FROM,
    });
    local.push(`email → SMTP server ${sinks.smtp.url}`);
  }
  if (!config.configured.push) {
    Object.assign(out, { FCM_PROJECT_ID: sinks.fcm.projectId, FCM_API_URL: sinks.fcm.url });
    local.push(
      `push  → FCM-compatible server ${sinks.fcm.url} (received: ${sinks.fcm.url}/__sink/messages)`,
    );
  }
  return { sinks, env: out, local };
}
