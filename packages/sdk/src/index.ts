/**
 * `@herald/sdk`: the TypeScript client of Herald's HTTP API.
 *
 * @example
 * import { Herald } from '@herald/sdk';
 * const herald = new Herald({ apiKey: 'hk_test_…', baseUrl: 'http://localhost:3000' });
 * await herald.messages.send({ channel: 'sms', to: '+14155550100', body: 'Hello from Herald' });
 */
export type { RequestOptions } from './client.js';
export {
  AuthenticationError,
  ConflictError,
  ConnectionError,
  HeraldError,
  type HeraldErrorFields,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
  WebhookVerificationError,
} from './errors.js';
export { Herald, type HeraldOptions } from './herald.js';
export { type CursorPage, PageList } from './pagination.js';
export type { Account } from './resources/account.js';
export type { ApiKeys } from './resources/api-keys.js';
export type { Messages } from './resources/messages.js';
export type { PhoneNumbers } from './resources/phone-numbers.js';
export type { Preferences as PreferencesResource, Topics } from './resources/preferences.js';
export type { PrivacyRequests } from './resources/privacy-requests.js';
export type { RetentionPolicy } from './resources/retention-policy.js';
export type { Subjects } from './resources/subjects.js';
export type { Suppressions } from './resources/suppressions.js';
export type { Templates } from './resources/templates.js';
export type { WebhookEndpoints } from './resources/webhook-endpoints.js';
export * from './types.js';
export { VERSION } from './version.js';
export { type VerifyOptions, type WebhookHeaders, Webhooks } from './webhooks.js';
