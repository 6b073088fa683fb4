export { devInboxEntries, serveDevInbox } from './dev-inbox.js';
export type { DnsAnswer, DnsSink } from './dns-sink.js';
export { startDnsSink } from './dns-sink.js';
export type { FcmFault, FcmSink, FcmSinkOptions, ReceivedPush } from './fcm-sink.js';
export { startFcmSink } from './fcm-sink.js';
export type { HttpFault } from './http-sink.js';
export type { DevSinks, DevSinksOptions } from './sinks.js';
export { startDevSinks } from './sinks.js';
export type { ReceivedEmail, SmtpFault, SmtpSink, SmtpSinkOptions } from './smtp-sink.js';
export { startSmtpSink } from './smtp-sink.js';
export type { CallbackPost } from './twilio-callbacks.js';
export { CALLBACK_OUTCOMES } from './twilio-callbacks.js';
export type {
  InboundAnswer,
  ReceivedSms,
  SimulatedInbound,
  TwilioFault,
  TwilioSink,
  TwilioSinkOptions,
} from './twilio-sink.js';
export { startTwilioSink } from './twilio-sink.js';
