/**
 * The wire types, generated from openapi/openapi.yaml (generated/openapi.ts), under the names
 * the SDK's methods use. Field names are the wire's own (`status_callback`, `next_cursor`).
 */
import type { components, operations } from './generated/openapi.js';

type Schemas = components['schemas'];
type QueryOf<K extends keyof operations> = NonNullable<operations[K]['parameters']['query']>;

export type { components, operations, paths } from './generated/openapi.js';

export type Channel = Schemas['Channel'];
export type MessageStatus = Schemas['MessageStatus'];
export type ErrorCode = Schemas['ErrorCode'];
export type DeliveryErrorCode = Schemas['DeliveryErrorCode'];
export type Problem = Schemas['Problem'];

export type Message = Schemas['Message'];
export type MessageList = Schemas['MessageList'];
export type MessageEvent = Schemas['MessageEvent'];
export type MessageEventList = Schemas['MessageEventList'];
export type MessageContent = Schemas['MessageContent'];
export type SendMessageParams = Schemas['SendMessageRequest'];
export type SendSmsParams = Schemas['SendSmsRequest'];
export type SendEmailParams = Schemas['SendEmailRequest'];
export type SendPushParams = Schemas['SendPushRequest'];
/** Up to 100 messages, each what `messages.send` takes. */
export type SendMessageBatchParams = { messages: SendMessageParams[] };
export type MessageBatchResult = Schemas['MessageBatchResult'];
export type MessageBatchItem = Schemas['MessageBatchItem'];
export type ListMessagesParams = QueryOf<'listMessages'>;

export type Suppression = Schemas['Suppression'];
export type SuppressionList = Schemas['SuppressionList'];
export type SuppressionReason = Schemas['SuppressionReason'];
export type CreateSuppressionParams = Schemas['CreateSuppressionRequest'];
export type ListSuppressionsParams = QueryOf<'listSuppressions'>;

export type PhoneNumber = Schemas['InboundNumber'];
export type PhoneNumberList = Schemas['PhoneNumberList'];
export type CreatePhoneNumberParams = Schemas['CreatePhoneNumberRequest'];
export type VerifyPhoneNumberParams = Schemas['VerifyPhoneNumberRequest'];
export type UpdatePhoneNumberParams = Schemas['UpdatePhoneNumberRequest'];
export type SenderKind = Schemas['SenderKind'];
export type SenderDomainList = Schemas['SenderDomainList'];
export type SenderDomain = Schemas['SenderDomain'];
export type ProviderAccountList = Schemas['ProviderAccountList'];
export type Template = Schemas['Template'];
export type MessageRemoval = Schemas['MessageRemoval'];
export type TemplateList = Schemas['TemplateList'];
export type CreateTemplateParams = Schemas['CreateTemplateRequest'];
export type CreateTemplateVersionParams = Schemas['CreateTemplateVersionRequest'];
export type RenderTemplateParams = Schemas['RenderTemplateRequest'];
export type PreviewTemplateParams = Schemas['PreviewTemplateRequest'];
export type RenderedTemplate = Schemas['RenderedTemplate'];
export type CreateSenderDomainParams = Schemas['CreateSenderDomainRequest'];
export type DnsRecord = Schemas['DnsRecord'];
export type Topic = Schemas['Topic'];
export type TopicList = Schemas['TopicList'];
export type CreateTopicParams = Schemas['CreateTopicRequest'];
export type Preferences = Schemas['Preferences'];
export type GetPreferencesParams = { channel: Schemas['Channel']; identifier: string };
export type UpdatePreferencesParams = Schemas['UpdatePreferencesRequest'];
export type CreatePreferenceLinkParams = Schemas['CreatePreferenceLinkRequest'];
export type PreferenceLink = Schemas['PreferenceLink'];
export type MessageCategory = Schemas['MessageCategory'];
export type ProviderAccount = Schemas['ProviderAccount'];
export type UpdateSenderDomainParams = Schemas['UpdateSenderDomainRequest'];

export type WebhookEndpoint = Schemas['WebhookEndpoint'];
export type CreatedWebhookEndpoint = Schemas['CreatedWebhookEndpoint'];
export type WebhookEndpointList = Schemas['WebhookEndpointList'];
export type CreateWebhookEndpointParams = Schemas['CreateWebhookEndpointRequest'];
export type UpdateWebhookEndpointParams = Schemas['UpdateWebhookEndpointRequest'];
export type WebhookAttempt = Schemas['WebhookAttempt'];
export type WebhookAttemptList = Schemas['WebhookAttemptList'];
export type ListWebhookAttemptsParams = QueryOf<'listWebhookAttempts'>;
export type RedeliverParams = Schemas['RedeliverRequest'];
export type SigningSecret = Schemas['SigningSecret'];
export type WebhookEventType = Schemas['WebhookEventType'];
/** The body of every webhook delivery; `data.body` is set for `message.received`. */
export type WebhookEvent = Schemas['WebhookEvent'];

export type RetentionPolicy = Schemas['RetentionPolicy'];
export type UpdateRetentionPolicyParams = Schemas['UpdateRetentionPolicyRequest'];
export type RetentionPreview = Schemas['RetentionPreview'];
export type RetentionRun = Schemas['RetentionRun'];
export type RetentionRunList = Schemas['RetentionRunList'];
export type ListRetentionRunsParams = QueryOf<'listRetentionRuns'>;

export type Subject = Schemas['Subject'];
export type FindSubjectParams = QueryOf<'findSubject'>;
export type SubjectParams = Schemas['SubjectRequest'];
export type SubjectExport = Schemas['SubjectExport'];
export type SubjectArchive = Schemas['SubjectArchive'];
export type ErasureReceipt = Schemas['ErasureReceipt'];
export type SubjectRestriction = Schemas['SubjectRestriction'];
export type ReceiptKey = Schemas['ReceiptKey'];
export type PrivacyRequest = Schemas['PrivacyRequest'];
export type PrivacyRequestForm = Schemas['PrivacyRequestForm'];
export type PrivacyRequestList = Schemas['PrivacyRequestList'];
export type ListPrivacyRequestsParams = QueryOf<'listPrivacyRequests'>;

export type ApiKey = Schemas['ApiKey'];
export type CreatedApiKey = Schemas['CreatedApiKey'];
export type ApiKeyList = Schemas['ApiKeyList'];
export type CreateApiKeyParams = Schemas['CreateApiKeyRequest'];

export type Account = Schemas['Account'];
