import { type HttpClient, pathOf, type RequestOptions } from '../client.js';
import type {
  Account as AccountObject,
  CreateSenderDomainParams,
  ProviderAccountList,
  SenderDomain,
  SenderDomainList,
  SigningSecret,
  UpdateSenderDomainParams,
} from '../types.js';

/** The organisation the API key belongs to: `herald.account`. */
export class Account {
  constructor(private readonly http: HttpClient) {}

  /**
   * The organisation, its limits and its standing.
   *
   * @example
   * const { name, status, rate_limit_per_second } = await herald.account.get();
   */
  get(options?: RequestOptions): Promise<AccountObject> {
    return this.http.request({ method: 'GET', path: '/v1/account', options });
  }

  /**
   * The secret that signs deliveries to per-message `status_callback` URLs (verify them with
   * `Herald.webhooks.verify`).
   *
   * @example
   * const { secret } = await herald.account.signingSecret();
   */
  signingSecret(options?: RequestOptions): Promise<SigningSecret> {
    return this.http.request({ method: 'GET', path: '/v1/account/signing-secret', options });
  }

  /**
   * The email domains the organisation may send from (`from` and `reply_to`): ones it added
   * and verified, and ones the operator of your Herald listed.
   *
   * @example
   * const { data } = await herald.account.senderDomains();
   */
  senderDomains(options?: RequestOptions): Promise<SenderDomainList> {
    return this.http.request({ method: 'GET', path: '/v1/sender-domains', options });
  }

  /**
   * One sending domain with its throughput cap and what waits on it now.
   *
   * @example
   * const { messages_per_second, backlog } = await herald.account.senderDomain('example.com');
   */
  senderDomain(domain: string, options?: RequestOptions): Promise<SenderDomain> {
    return this.http.request({
      method: 'GET',
      path: pathOf('/v1/sender-domains/{domain}', { domain }),
      options,
    });
  }

  /**
   * Adds a sending domain: Herald makes its DKIM key and answers the DNS records to publish.
   * Test keys may send from it at once, live keys once it is verified.
   *
   * @example
   * const { dns_records } = await herald.account.addSenderDomain({ domain: 'mail.example.com' });
   * for (const r of dns_records) console.log(r.type, r.name, r.value);
   */
  addSenderDomain(
    params: CreateSenderDomainParams,
    options?: RequestOptions,
  ): Promise<SenderDomain> {
    return this.http.request({ method: 'POST', path: '/v1/sender-domains', body: params, options });
  }

  /**
   * Looks the domain's DNS records up now; `status` is `verified` once DKIM and SPF are found.
   *
   * @example
   * const { status } = await herald.account.verifySenderDomain('mail.example.com');
   */
  verifySenderDomain(domain: string, options?: RequestOptions): Promise<SenderDomain> {
    return this.http.request({
      method: 'POST',
      path: pathOf('/v1/sender-domains/{domain}/verify', { domain }),
      options,
    });
  }

  /**
   * Stops sending from a domain (its DKIM key goes with it).
   *
   * @example
   * await herald.account.removeSenderDomain('mail.example.com');
   */
  removeSenderDomain(domain: string, options?: RequestOptions): Promise<void> {
    return this.http.request({
      method: 'DELETE',
      path: pathOf('/v1/sender-domains/{domain}', { domain }),
      options,
    });
  }

  /**
   * Sets a sending domain's cap in emails a second (`null`: the operator's default); emails over
   * it wait in Herald and go out at the cap.
   *
   * @example
   * await herald.account.updateSenderDomain('example.com', { messages_per_second: 14 });
   */
  updateSenderDomain(
    domain: string,
    params: UpdateSenderDomainParams,
    options?: RequestOptions,
  ): Promise<SenderDomain> {
    return this.http.request({
      method: 'PATCH',
      path: pathOf('/v1/sender-domains/{domain}', { domain }),
      body: params,
      options,
    });
  }

  /**
   * The caps of the provider accounts every message also goes through (the operator sets them):
   * SMS in segments a second, email and push in messages.
   *
   * @example
   * const { data } = await herald.account.providerCaps();
   */
  providerCaps(options?: RequestOptions): Promise<ProviderAccountList> {
    return this.http.request({ method: 'GET', path: '/v1/provider-accounts', options });
  }
}
