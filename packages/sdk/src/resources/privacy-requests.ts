import type { HttpClient, RequestOptions } from '../client.js';
import { PageList } from '../pagination.js';
import type {
  ListPrivacyRequestsParams,
  PrivacyRequest,
  PrivacyRequestForm,
  PrivacyRequestList,
} from '../types.js';

/** The record of every request about an end user: `herald.privacyRequests`. */
export class PrivacyRequests {
  constructor(private readonly http: HttpClient) {}

  /**
   * Requests (find, export, erase, restrict, object) with their clock (received, verified, due,
   * done) and outcome, newest first.
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

  /**
   * The address of your hosted form, where end users file their own requests (a code sent to
   * their phone or email proves it is them). Link it from your privacy notice.
   *
   * @example
   * const { url } = await herald.privacyRequests.form();
   */
  form(options?: RequestOptions): Promise<PrivacyRequestForm> {
    return this.http.request({ method: 'POST', path: '/v1/privacy-requests/form', options });
  }
}
