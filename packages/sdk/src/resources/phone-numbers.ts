import { type HttpClient, pathOf, type RequestOptions } from '../client.js';
import type {
  CreatePhoneNumberParams,
  PhoneNumber,
  PhoneNumberList,
  UpdatePhoneNumberParams,
  VerifyPhoneNumberParams,
} from '../types.js';

/**
 * The numbers this organisation holds (its inbound SMS come here, and it may send `from` them)
 * or has claimed: `herald.phoneNumbers`.
 */
export class PhoneNumbers {
  constructor(private readonly http: HttpClient) {}

  /**
   * Every number held or claimed, with its `status`.
   *
   * @example
   * const { data } = await herald.phoneNumbers.list();
   */
  list(options?: RequestOptions): Promise<PhoneNumberList> {
    return this.http.request({ method: 'GET', path: '/v1/phone-numbers', options });
  }

  /**
   * Claims a number: Herald texts it a six-digit code, and the claim stays
   * `pending_verification` until `verify` is given that code. Claiming it again texts a new code.
   *
   * @example
   * const number = await herald.phoneNumbers.create({ number: '+15005550006' });
   */
  create(params: CreatePhoneNumberParams, options?: RequestOptions): Promise<PhoneNumber> {
    return this.http.request({ method: 'POST', path: '/v1/phone-numbers', body: params, options });
  }

  /**
   * Proves control of a claimed number with the code texted to it: the organisation then holds
   * it (`verified`).
   *
   * @example
   * const held = await herald.phoneNumbers.verify(number.id, { code: '123456' });
   */
  verify(
    id: string,
    params: VerifyPhoneNumberParams,
    options?: RequestOptions,
  ): Promise<PhoneNumber> {
    return this.http.request({
      method: 'POST',
      path: pathOf('/v1/phone-numbers/{phone_number_id}/verify', { phone_number_id: id }),
      body: params,
      options,
    });
  }

  /**
   * One number, with its kind, its throughput cap (`segments_per_second`) and its `backlog`:
   * about how many segments wait on the cap, and when the last of them goes out.
   *
   * @example
   * const { backlog } = await herald.phoneNumbers.get(number.id);
   */
  get(id: string, options?: RequestOptions): Promise<PhoneNumber> {
    return this.http.request({
      method: 'GET',
      path: pathOf('/v1/phone-numbers/{phone_number_id}', { phone_number_id: id }),
      options,
    });
  }

  /**
   * Sets the number's kind or throughput cap; `null` puts either back to its default. Messages
   * accepted from then on are paced by it; what is over the cap waits in Herald.
   *
   * @example
   * await herald.phoneNumbers.update(number.id, { kind: 'toll_free' });
   * await herald.phoneNumbers.update(number.id, { segments_per_second: 10 });
   */
  update(
    id: string,
    params: UpdatePhoneNumberParams,
    options?: RequestOptions,
  ): Promise<PhoneNumber> {
    return this.http.request({
      method: 'PATCH',
      path: pathOf('/v1/phone-numbers/{phone_number_id}', { phone_number_id: id }),
      body: params,
      options,
    });
  }

  /**
   * Gives up the number (or withdraws the claim): its inbound SMS stop coming here.
   *
   * @example
   * await herald.phoneNumbers.delete(number.id);
   */
  delete(id: string, options?: RequestOptions): Promise<void> {
    return this.http.request({
      method: 'DELETE',
      path: pathOf('/v1/phone-numbers/{phone_number_id}', { phone_number_id: id }),
      options,
    });
  }
}
