import { type HttpClient as Http, HttpClient } from './client.js';
import { HeraldError } from './errors.js';
import { Account } from './resources/account.js';
import { ApiKeys } from './resources/api-keys.js';
import { Messages } from './resources/messages.js';
import { PhoneNumbers } from './resources/phone-numbers.js';
import { Preferences, Topics } from './resources/preferences.js';
import { PrivacyRequests } from './resources/privacy-requests.js';
import { RetentionPolicy } from './resources/retention-policy.js';
import { Subjects } from './resources/subjects.js';
import { Suppressions } from './resources/suppressions.js';
import { Templates } from './resources/templates.js';
import { WebhookEndpoints } from './resources/webhook-endpoints.js';
import { env } from './runtime.js';
import { Webhooks } from './webhooks.js';

export type HeraldOptions = {
  /** An API key, `hk_live_…` or `hk_test_…`. Default: the `HERALD_API_KEY` environment variable. */
  apiKey?: string;
  /** Where your Herald runs. Default: `HERALD_BASE_URL`, else `http://localhost:3000` (`npm start`). */
  baseUrl?: string;
  /** Milliseconds to wait for each attempt. Default 60 000. */
  timeout?: number;
  /** Retries after a failed attempt, where retrying is safe. Default 2. */
  maxRetries?: number;
  /** The `fetch` to use (a mock, a proxy-aware one). Default: the runtime's own. */
  fetch?: typeof fetch;
};

/**
 * The Herald client: one property per resource.
 *
 * @example
 * import { Herald } from '@herald/sdk';
 * const herald = new Herald({ apiKey: process.env.HERALD_API_KEY, baseUrl: 'https://herald.example.com' });
 * await herald.messages.send({ channel: 'sms', to: '+14155550100', body: 'Hello from Herald' });
 */
export class Herald {
  /**
   * Webhook signature checks; they need no client (or API key).
   *
   * @example
   * const event = await Herald.webhooks.verify(rawBody, request.headers, secret);
   */
  static readonly webhooks = new Webhooks();

  /** The same as `Herald.webhooks`, for code that holds a client. */
  readonly webhooks: Webhooks = Herald.webhooks;
  readonly messages: Messages;
  readonly suppressions: Suppressions;
  readonly phoneNumbers: PhoneNumbers;
  readonly webhookEndpoints: WebhookEndpoints;
  readonly templates: Templates;
  /** Topics a send may name, which end users opt out of. */
  readonly topics: Topics;
  /** End users' answers about marketing and topics, and links to their preference page. */
  readonly preferences: Preferences;
  readonly retentionPolicy: RetentionPolicy;
  readonly subjects: Subjects;
  readonly privacyRequests: PrivacyRequests;
  readonly apiKeys: ApiKeys;
  readonly account: Account;

  constructor(options: HeraldOptions = {}) {
    const apiKey = options.apiKey ?? env('HERALD_API_KEY');
    if (!apiKey)
      throw new HeraldError('No API key: pass `apiKey` to `new Herald()` or set HERALD_API_KEY.', {
        code: 'missing_api_key',
      });
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function')
      throw new HeraldError('No fetch in this runtime: pass `fetch` to `new Herald()`.', {
        code: 'missing_fetch',
      });
    const http: Http = new HttpClient({
      apiKey,
      baseUrl: (options.baseUrl ?? env('HERALD_BASE_URL') ?? 'http://localhost:3000').replace(
        /\/+$/,
        '',
      ),
      timeout: options.timeout ?? 60_000,
      maxRetries: options.maxRetries ?? 2,
      // Bound, so a runtime's fetch that needs `this` (browsers, some edge runtimes) keeps it.
      fetch: options.fetch ?? fetchImpl.bind(globalThis),
    });
    this.messages = new Messages(http);
    this.suppressions = new Suppressions(http);
    this.phoneNumbers = new PhoneNumbers(http);
    this.webhookEndpoints = new WebhookEndpoints(http);
    this.templates = new Templates(http);
    this.topics = new Topics(http);
    this.preferences = new Preferences(http);
    this.retentionPolicy = new RetentionPolicy(http);
    this.subjects = new Subjects(http);
    this.privacyRequests = new PrivacyRequests(http);
    this.apiKeys = new ApiKeys(http);
    this.account = new Account(http);
  }
}
