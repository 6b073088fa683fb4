import { type HttpClient, pathOf, type RequestOptions } from '../client.js';
import { PageList } from '../pagination.js';
import type {
  CreatedWebhookEndpoint,
  CreateWebhookEndpointParams,
  ListWebhookAttemptsParams,
  RedeliverParams,
  UpdateWebhookEndpointParams,
  WebhookAttempt,
  WebhookAttemptList,
  WebhookEndpoint,
  WebhookEndpointList,
} from '../types.js';

const ONE = '/v1/webhook-endpoints/{webhook_endpoint_id}';

/** Where Herald posts signed events: `herald.webhookEndpoints`. */
export class WebhookEndpoints {
  constructor(private readonly http: HttpClient) {}

  private path(id: string, suffix = ''): string {
    return pathOf(ONE + suffix, { webhook_endpoint_id: id });
  }

  /**
   * Every endpoint (never their secrets).
   *
   * @example
   * const { data } = await herald.webhookEndpoints.list();
   */
  list(options?: RequestOptions): Promise<WebhookEndpointList> {
    return this.http.request({ method: 'GET', path: '/v1/webhook-endpoints', options });
  }

  /**
   * Adds an endpoint (`https`, public). Its signing `secret` is in this answer only.
   *
   * @example
   * const { id, secret } = await herald.webhookEndpoints.create({
   *   url: 'https://example.com/herald-events',
   *   event_types: ['message.delivered', 'message.failed'],
   * });
   */
  create(
    params: CreateWebhookEndpointParams,
    options?: RequestOptions,
  ): Promise<CreatedWebhookEndpoint> {
    return this.http.request({
      method: 'POST',
      path: '/v1/webhook-endpoints',
      body: params,
      options,
    });
  }

  /**
   * One endpoint.
   *
   * @example
   * const endpoint = await herald.webhookEndpoints.get('whe_01JD2W5X6Y7Z8A9B0C1D2E3F4G');
   */
  get(id: string, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.http.request({ method: 'GET', path: this.path(id), options });
  }

  /**
   * Changes the URL, events or description, or switches the endpoint off or on.
   *
   * @example
   * await herald.webhookEndpoints.update(endpoint.id, { disabled: true });
   */
  update(
    id: string,
    params: UpdateWebhookEndpointParams,
    options?: RequestOptions,
  ): Promise<WebhookEndpoint> {
    return this.http.request({ method: 'PATCH', path: this.path(id), body: params, options });
  }

  /**
   * Removes the endpoint; its pending deliveries are dropped.
   *
   * @example
   * await herald.webhookEndpoints.delete(endpoint.id);
   */
  delete(id: string, options?: RequestOptions): Promise<void> {
    return this.http.request({ method: 'DELETE', path: this.path(id), options });
  }

  /**
   * Replaces the signing secret; the old one keeps signing beside it for 24 hours.
   *
   * @example
   * const { secret } = await herald.webhookEndpoints.rotateSecret(endpoint.id);
   */
  rotateSecret(id: string, options?: RequestOptions): Promise<CreatedWebhookEndpoint> {
    return this.http.request({
      method: 'POST',
      path: this.path(id, '/rotate-secret'),
      options,
    });
  }

  /**
   * Delivery attempts to the endpoint, newest first. Await for a page, or iterate for all.
   *
   * @example
   * for await (const attempt of herald.webhookEndpoints.attempts(endpoint.id)) {
   *   if (attempt.status_code !== 200) console.log(attempt.event_id, attempt.error);
   * }
   */
  attempts(
    id: string,
    params: ListWebhookAttemptsParams = {},
    options?: RequestOptions,
  ): PageList<WebhookAttempt, WebhookAttemptList> {
    return new PageList((cursor) =>
      this.http.request({
        method: 'GET',
        path: this.path(id, '/attempts'),
        query: { ...params, cursor: cursor ?? params.cursor },
        options,
      }),
    );
  }

  /**
   * Sends an event to the endpoint once more, now.
   *
   * @example
   * await herald.webhookEndpoints.redeliver(endpoint.id, { event_id: attempt.event_id });
   */
  redeliver(id: string, params: RedeliverParams, options?: RequestOptions): Promise<void> {
    return this.http.request({
      method: 'POST',
      path: this.path(id, '/redeliver'),
      body: params,
      options,
    });
  }
}
