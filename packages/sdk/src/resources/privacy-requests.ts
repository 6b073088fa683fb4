import type { HttpClient, RequestOptions } from '../client.js';
import { PageList } from '../pagination.js';
import type { ListPrivacyRequestsParams, PrivacyRequest, PrivacyRequestList } from '../types.js';

/** The record of every request about an end user: `herald.privacyRequests`. */
export class PrivacyRequests {
  constructor(private readonly http: HttpClient) {}

  /**
   * Requests (find, export, erase, restrict) with their deadline and status, newest first.
   *
   * @example
   * for await (const request of herald.privacyRequests.list()) {
   *   console.log(request.kind, request.status, request.deadline_at);
   * }
   */
  list(
    params: ListPrivacyRequestsParams = {},
    options?: RequestOptions,
  ): PageList<PrivacyRequest, PrivacyRequestList> {
    return new PageList((cursor) =>
      this.http.request({
        method: 'GET',
        path: '/v1/privacy-requests',
        query: { ...params, cursor: cursor ?? params.cursor },
        options,
      }),
    );
  }
}
