import { type HttpClient, pathOf, type RequestOptions } from '../client.js';
import type { CreatePhoneNumberParams, PhoneNumber, PhoneNumberList } from '../types.js';

/** The numbers whose inbound SMS belong to this organisation: `herald.phoneNumbers`. */
export class PhoneNumbers {
  constructor(private readonly http: HttpClient) {}

  /**
   * Every number routed here.
   *
   * @example
   * const { data } = await herald.phoneNumbers.list();
   */
  list(options?: RequestOptions): Promise<PhoneNumberList> {
    return this.http.request({ method: 'GET', path: '/v1/phone-numbers', options });
  }

  /**
   * Routes a number's inbound SMS to this organisation (as `message.received` events).
   *
   * @example
   * const number = await herald.phoneNumbers.create({ number: '+15005550006' });
   */
  create(params: CreatePhoneNumberParams, options?: RequestOptions): Promise<PhoneNumber> {
    return this.http.request({ method: 'POST', path: '/v1/phone-numbers', body: params, options });
  }

  /**
   * Stops routing the number here.
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
