import { loadSpec } from '@herald/openapi';
import { Herald } from '@herald/sdk';
import { describe, expect, it } from 'vitest';

/**
 * Every operation an API key may call has an SDK method (a new route without one fails here),
 * and each method calls exactly its operation. A recording fetch answers, so this table checks
 * the mapping alone; the other SDK tests run the same methods against the real API.
 */
type Call = (h: Herald) => PromiseLike<unknown>;
const ID = 'x_00000000000000000000000000';
const sms = { channel: 'sms', to: '+14155550100', body: 'Hi' } as const;
const subject = { identifier: '+14155550100' };

const sdkMethods: Record<string, Call> = {
  sendMessage: (h) => h.messages.send(sms),
  sendMessageBatch: (h) => h.messages.sendBatch({ messages: [sms] }),
  listMessages: (h) => h.messages.list(),
  getMessage: (h) => h.messages.get(ID),
  cancelMessage: (h) => h.messages.cancel(ID),
  removeMessage: (h) => h.messages.remove(ID),
  listMessageEvents: (h) => h.messages.events(ID),
  getMessageContent: (h) => h.messages.content(ID),
  listApiKeys: (h) => h.apiKeys.list(),
  createApiKey: (h) => h.apiKeys.create({ name: 'k' }),
  revokeApiKey: (h) => h.apiKeys.revoke(ID),
  getAccount: (h) => h.account.get(),
  getSigningSecret: (h) => h.account.signingSecret(),
  listSuppressions: (h) => h.suppressions.list(),
  createSuppression: (h) => h.suppressions.create({ channel: 'sms', identifier: '+1415' }),
  deleteSuppression: (h) => h.suppressions.delete(ID),
  listPhoneNumbers: (h) => h.phoneNumbers.list(),
  createPhoneNumber: (h) => h.phoneNumbers.create({ number: '+15005550006' }),
  deletePhoneNumber: (h) => h.phoneNumbers.delete(ID),
  verifyPhoneNumber: (h) => h.phoneNumbers.verify(ID, { code: '123456' }),
  getPhoneNumber: (h) => h.phoneNumbers.get(ID),
  updatePhoneNumber: (h) => h.phoneNumbers.update(ID, { segments_per_second: 2 }),
  listSenderDomains: (h) => h.account.senderDomains(),
  getSenderDomain: (h) => h.account.senderDomain('example.com'),
  updateSenderDomain: (h) =>
    h.account.updateSenderDomain('example.com', { messages_per_second: 2 }),
  createSenderDomain: (h) => h.account.addSenderDomain({ domain: 'mail.example.com' }),
  verifySenderDomain: (h) => h.account.verifySenderDomain('mail.example.com'),
  deleteSenderDomain: (h) => h.account.removeSenderDomain('mail.example.com'),
  listProviderCaps: (h) => h.account.providerCaps(),
  listTopics: (h) => h.topics.list(),
  createTopic: (h) => h.topics.create({ key: 'news', name: 'News' }),
  deleteTopic: (h) => h.topics.delete('news'),
  getPreferences: (h) => h.preferences.get({ channel: 'sms', identifier: '+14155550100' }),
  updatePreferences: (h) =>
    h.preferences.update({ channel: 'sms', identifier: '+14155550100', marketing: false }),
  createPreferenceLink: (h) =>
    h.preferences.createLink({ channel: 'sms', identifier: '+14155550100' }),
  listTemplates: (h) => h.templates.list(),
  createTemplate: (h) =>
    h.templates.create({
      name: 't',
      default_locale: 'en',
      locales: { en: { sms: { body: 'x' } } },
    }),
  getTemplate: (h) => h.templates.get('t'),
  deleteTemplate: (h) => h.templates.delete('t'),
  createTemplateVersion: (h) =>
    h.templates.createVersion('t', {
      default_locale: 'en',
      locales: { en: { sms: { body: 'y' } } },
    }),
  renderTemplate: (h) => h.templates.render('t', { channel: 'sms' }),
  previewTemplate: (h) =>
    h.templates.preview({
      channel: 'sms',
      default_locale: 'en',
      locales: { en: { sms: { body: 'x' } } },
    }),
  listWebhookEndpoints: (h) => h.webhookEndpoints.list(),
  createWebhookEndpoint: (h) => h.webhookEndpoints.create({ url: 'https://example.com' }),
  getWebhookEndpoint: (h) => h.webhookEndpoints.get(ID),
  updateWebhookEndpoint: (h) => h.webhookEndpoints.update(ID, { disabled: true }),
  deleteWebhookEndpoint: (h) => h.webhookEndpoints.delete(ID),
  rotateWebhookSecret: (h) => h.webhookEndpoints.rotateSecret(ID),
  listWebhookAttempts: (h) => h.webhookEndpoints.attempts(ID),
  redeliverWebhookEvent: (h) => h.webhookEndpoints.redeliver(ID, { event_id: 'evt_1' }),
  getRetentionPolicy: (h) => h.retentionPolicy.get(),
  updateRetentionPolicy: (h) => h.retentionPolicy.update({ content_days: 1 }),
  previewRetention: (h) => h.retentionPolicy.preview(),
  listRetentionRuns: (h) => h.retentionPolicy.runs(),
  findSubject: (h) => h.subjects.find(subject),
  createSubjectExport: (h) => h.subjects.export(subject),
  getSubjectExport: (h) => h.subjects.getExport(ID),
  downloadSubjectExport: (h) => h.subjects.downloadExport(ID, 'token'),
  createSubjectErasure: (h) => h.subjects.erase(subject),
  getSubjectErasure: (h) => h.subjects.getErasure(ID),
  createSubjectRestriction: (h) => h.subjects.restrict(subject),
  liftSubjectRestriction: (h) => h.subjects.liftRestriction(ID),
  listPrivacyRequests: (h) => h.privacyRequests.list(),
  createPrivacyRequestForm: (h) => h.privacyRequests.form(),
};

type Operation = {
  operationId: string;
  security?: Array<Record<string, unknown>>;
  parameters?: Array<{ $ref?: string }>;
  'x-sdk'?: boolean;
};
const spec = loadSpec();
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({
    path,
    method: method.toUpperCase(),
    op: op as Operation,
  })),
);
const forApiKeys = operations.filter(
  ({ op }) =>
    op['x-sdk'] !== false && (op.security ?? []).some((requirement) => 'apiKey' in requirement),
);

type Seen = { method: string; path: string; headers: Record<string, string> };
/** A client whose fetch records each request and answers `status` with an empty list page. */
function recording(status = 200, maxRetries = 0) {
  const seen: Seen[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    seen.push({
      method: init.method!,
      path: new URL(url).pathname,
      headers: init.headers as Record<string, string>,
    });
    const body =
      status === 200
        ? { object: 'list', data: [], has_more: false, next_cursor: null }
        : { code: 'service_unavailable' };
    return new Response(JSON.stringify(body), { status });
  }) as typeof globalThis.fetch;
  const herald = new Herald({
    apiKey: 'hk_test_x',
    baseUrl: 'http://herald.test',
    fetch,
    maxRetries,
  });
  return { herald, seen };
}
const pattern = (template: string) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);

describe('SDK coverage of the spec', () => {
  it('every operation an API key may call has an SDK method, and there are no strays', () => {
    expect(Object.keys(sdkMethods).sort()).toEqual(
      forApiKeys.map(({ op }) => op.operationId).sort(),
    );
  });

  it.each(forApiKeys.map((o) => [o.op.operationId, o] as const))(
    '%s: the SDK method sends the operation’s method and path',
    async (operationId, { method, path }) => {
      const { herald, seen } = recording();
      await sdkMethods[operationId]!(herald);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.method).toBe(method);
      expect(seen[0]!.path).toMatch(pattern(path));
    },
  );

  const posts = forApiKeys.filter(({ method }) => method === 'POST');
  it.each(posts.map((o) => [o.op.operationId, o] as const))(
    '%s: carries an Idempotency-Key, and is retried after a 5xx only if Herald deduplicates it',
    async (operationId, { op }) => {
      const { herald, seen } = recording(503, 1);
      await expect(sdkMethods[operationId]!(herald)).rejects.toThrow();
      expect(seen[0]!.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
      const deduplicated = (op.parameters ?? []).some((p) => p.$ref?.endsWith('/IdempotencyKey'));
      expect(seen).toHaveLength(deduplicated ? 2 : 1);
    },
  );
});
