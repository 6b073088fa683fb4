import type { HttpClient, RequestOptions } from '../client.js';
import { PageList } from '../pagination.js';
import type {
  ListRetentionRunsParams,
  RetentionPolicy as Policy,
  RetentionPreview,
  RetentionRun,
  RetentionRunList,
  UpdateRetentionPolicyParams,
} from '../types.js';

/** How long each store keeps this organisation's data: `herald.retentionPolicy`. */
export class RetentionPolicy {
  constructor(private readonly http: HttpClient) {}

  /**
   * The policy (the defaults until it is changed).
   *
   * @example
   * const { content_days, usage_days } = await herald.retentionPolicy.get();
   */
  get(options?: RequestOptions): Promise<Policy> {
    return this.http.request({ method: 'GET', path: '/v1/retention-policy', options });
  }

  /**
   * Changes it. `content_days: 0` (or `store_content: false`) is no-store mode.
   *
   * @example
   * await herald.retentionPolicy.update({ content_days: 7 });
   */
  update(params: UpdateRetentionPolicyParams, options?: RequestOptions): Promise<Policy> {
    return this.http.request({
      method: 'PUT',
      path: '/v1/retention-policy',
      body: params,
      options,
    });
  }

  /**
   * How many rows the next retention runs would remove (a dry run).
   *
   * @example
   * const { content, usage, account } = await herald.retentionPolicy.preview();
   */
  preview(options?: RequestOptions): Promise<RetentionPreview> {
    return this.http.request({ method: 'GET', path: '/v1/retention-policy/preview', options });
  }

  /**
   * What the retention jobs removed, newest first. Await for a page, or iterate for all.
   *
   * @example
   * for await (const run of herald.retentionPolicy.runs()) console.log(run.store, run.rows_removed);
   */
  runs(
    params: ListRetentionRunsParams = {},
    options?: RequestOptions,
  ): PageList<RetentionRun, RetentionRunList> {
    return new PageList((cursor) =>
      this.http.request({
        method: 'GET',
        path: '/v1/retention-policy/runs',
        query: { ...params, cursor: cursor ?? params.cursor },
        options,
      }),
    );
  }
}
