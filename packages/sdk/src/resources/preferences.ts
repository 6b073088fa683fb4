import { type HttpClient, pathOf, type RequestOptions } from '../client.js';
import type {
  CreatePreferenceLinkParams,
  CreateTopicParams,
  GetPreferencesParams,
  PreferenceLink,
  Preferences as PreferencesObject,
  Topic,
  TopicList,
  UpdatePreferencesParams,
} from '../types.js';

/**
 * The topics your messages are about: `herald.topics`. A send names one with `topic`; an end
 * user who opted out of it is not sent to (`recipient_unsubscribed`).
 */
export class Topics {
  constructor(private readonly http: HttpClient) {}

  /**
   * Every topic, by key.
   *
   * @example
   * const { data } = await herald.topics.list();
   */
  list(options?: RequestOptions): Promise<TopicList> {
    return this.http.request({ method: 'GET', path: '/v1/topics', options });
  }

  /**
   * Adds a topic.
   *
   * @example
   * await herald.topics.create({ key: 'product-news', name: 'Product news' });
   */
  create(params: CreateTopicParams, options?: RequestOptions): Promise<Topic> {
    return this.http.request({ method: 'POST', path: '/v1/topics', body: params, options });
  }

  /**
   * Removes a topic (end users' answers about it are kept).
   *
   * @example
   * await herald.topics.delete('product-news');
   */
  delete(key: string, options?: RequestOptions): Promise<void> {
    return this.http.request({
      method: 'DELETE',
      path: pathOf('/v1/topics/{topic_key}', { topic_key: key }),
      options,
    });
  }
}

/**
 * What each end user said about marketing and your topics, with its history:
 * `herald.preferences`.
 */
export class Preferences {
  constructor(private readonly http: HttpClient) {}

  /**
   * One end user's preferences and every change, newest first.
   *
   * @example
   * const prefs = await herald.preferences.get({ channel: 'email', identifier: 'ada@example.com' });
   * if (!prefs.marketing.subscribed) console.log('no marketing for them');
   */
  get(params: GetPreferencesParams, options?: RequestOptions): Promise<PreferencesObject> {
    return this.http.request({ method: 'GET', path: '/v1/preferences', query: params, options });
  }

  /**
   * Records what an end user told you (kept with `api` and your key as how it was given).
   *
   * @example
   * await herald.preferences.update({
   *   channel: 'email',
   *   identifier: 'ada@example.com',
   *   topics: { 'product-news': false },
   * });
   */
  update(params: UpdatePreferencesParams, options?: RequestOptions): Promise<PreferencesObject> {
    return this.http.request({ method: 'PATCH', path: '/v1/preferences', body: params, options });
  }

  /**
   * A signed link to the end user's own preference page (no log-in; 7 days unless
   * `expires_in` says).
   *
   * @example
   * const { url } = await herald.preferences.createLink({ channel: 'email', identifier: 'ada@example.com' });
   */
  createLink(
    params: CreatePreferenceLinkParams,
    options?: RequestOptions,
  ): Promise<PreferenceLink> {
    return this.http.request({
      method: 'POST',
      path: '/v1/preferences/links',
      body: params,
      options,
    });
  }
}
