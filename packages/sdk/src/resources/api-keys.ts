import { type HttpClient, pathOf, type RequestOptions } from '../client.js';
import type { ApiKeyList, CreateApiKeyParams, CreatedApiKey } from '../types.js';

/** The organisation's API keys: `herald.apiKeys`. */
export class ApiKeys {
  constructor(private readonly http: HttpClient) {}

  /**
   * Every key, revoked ones included (never their secrets), and the scopes this key may give a
   * new one (`creatable_scopes`).
   *
   * @example
   * const { data } = await herald.apiKeys.list();
   */
  list(options?: RequestOptions): Promise<ApiKeyList> {
    return this.http.request({ method: 'GET', path: '/v1/api-keys', options });
  }

  /**
   * Creates a key. Its `secret` is in this answer only; `twilio_account_sid` is the account SID
   * Twilio's clients use with it. The new key never does more than this one: its scope must be
   * one of `creatable_scopes` (else a `PermissionError`, `scope_not_allowed`), and it has this
   * key's owner.
   *
   * @example
   * const { secret } = await herald.apiKeys.create({ name: 'checkout', scope: 'send_only' });
   */
  create(params: CreateApiKeyParams, options?: RequestOptions): Promise<CreatedApiKey> {
    return this.http.request({ method: 'POST', path: '/v1/api-keys', body: params, options });
  }

  /**
   * Revokes a key; it is refused from the next request on.
   *
   * @example
   * await herald.apiKeys.revoke('key_01JD2W5X6Y7Z8A9B0C1D2E3F4G');
   */
  revoke(id: string, options?: RequestOptions): Promise<void> {
    return this.http.request({
      method: 'DELETE',
      path: pathOf('/v1/api-keys/{api_key_id}', { api_key_id: id }),
      options,
    });
  }
}
