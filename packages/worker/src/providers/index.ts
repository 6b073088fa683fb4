export type {
  FcmMessaging,
  FcmMessagingOptions,
} from './fcm.provider.js';
export { createFcmMessaging, createFcmProvider, DEV_FCM_ACCESS_TOKEN } from './fcm.provider.js';
export type {
  EmailProvider,
  Outbound,
  Provider,
  PushProvider,
  SendResult,
  SmsProvider,
} from './provider.js';
export { ProviderError } from './provider.js';
export type { SmtpProviderOptions, SmtpTransport } from './smtp.provider.js';
export { createSmtpProvider, createSmtpTransport } from './smtp.provider.js';
export type {
  TwilioClient,
  TwilioClientOptions,
  TwilioProviderOptions,
} from './twilio.provider.js';
export { createTwilioClient, createTwilioProvider } from './twilio.provider.js';
