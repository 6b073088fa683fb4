import { type HttpClient, pathOf, type RequestOptions } from '../client.js';
import { PageList } from '../pagination.js';
import type {
  CreateSuppressionParams,
  ListSuppressionsParams,
  Suppression,
  SuppressionList,
} from '../types.js';

/** Recipients Herald will not send to: `herald.suppressions`. */
export class Suppressions {
  constructor(private readonly http: HttpClient) {}

  /**
   * Suppressed recipients, newest first. Pass `channel` and `identifier` to ask about one.
   *
   * @example
   * const { data } = await herald.suppressions.list({ channel: 'sms', identifier: '+14155550100' });
   * const suppressed = data.length > 0;
   */
  list(
    params: ListSuppressionsParams = {},
    options?: RequestOptions,
  ): PageList<Suppression, SuppressionList> {
    return new PageList((cursor) =>
      this.http.request({
        method: 'GET',
        path: '/v1/suppressions',
        query: { ...params, cursor: cursor ?? params.cursor },
        options,
      }),
    );
  }

  /**
   * Stops sending to a recipient (or returns the entry that already does).
   *
   * @example
   * const entry = await herald.suppressions.create({ channel: 'email', identifier: 'ada@example.com' });
   */
  create(params: CreateSuppressionParams, options?: RequestOptions): Promise<Suppression> {
    return this.http.request({ method: 'POST', path: '/v1/suppressions', body: params, options });
  }

  /**
   * Allows sending to the recipient again.
   *
   * @example
   * await herald.suppressions.delete(entry.id);
   */
  delete(id: string, options?: RequestOptions): Promise<void> {
    return this.http.request({
      method: 'DELETE',
      path: pathOf('/v1/suppressions/{suppression_id}', { suppression_id: id }),
      options,
    });
  }
}
