import { type HttpClient, pathOf, type RequestOptions } from '../client.js';
import type {
  ErasureReceipt,
  FindSubjectParams,
  ReceiptKey,
  Subject,
  SubjectArchive,
  SubjectExport,
  SubjectParams,
  SubjectRestriction,
} from '../types.js';

/**
 * End users' rights over what Herald holds about them (a phone number, email address or push
 * token, within this organisation): `herald.subjects`. Every call is recorded as a privacy request.
 */
export class Subjects {
  constructor(private readonly http: HttpClient) {}

  /**
   * What is held about an end user, counted per store and category (none of it shown).
   *
   * @example
   * const { holdings, suppressed } = await herald.subjects.find({ identifier: '+14155550100' });
   */
  find(params: FindSubjectParams, options?: RequestOptions): Promise<Subject> {
    return this.http.request({ method: 'GET', path: '/v1/subjects', query: params, options });
  }

  /**
   * Starts building one archive of everything held about them. `download_url` is in this
   * answer only; download with `downloadExport` once `getExport` says `ready`.
   *
   * @example
   * const started = await herald.subjects.export({ identifier: 'ada@example.com' });
   * const token = new URL(started.download_url!).searchParams.get('token')!;
   */
  export(params: SubjectParams, options?: RequestOptions): Promise<SubjectExport> {
    return this.http.request({
      method: 'POST',
      path: '/v1/subjects/exports',
      body: params,
      options,
    });
  }

  /**
   * Whether an export is ready.
   *
   * @example
   * const { status } = await herald.subjects.getExport(started.id);
   */
  getExport(id: string, options?: RequestOptions): Promise<SubjectExport> {
    return this.http.request({
      method: 'GET',
      path: pathOf('/v1/subjects/exports/{export_id}', { export_id: id }),
      options,
    });
  }

  /**
   * Downloads the archive, once (it is deleted then), with the token of its `download_url`.
   *
   * @example
   * const archive = await herald.subjects.downloadExport(started.id, token);
   */
  downloadExport(id: string, token: string, options?: RequestOptions): Promise<SubjectArchive> {
    return this.http.request({
      method: 'GET',
      path: pathOf('/v1/subjects/exports/{export_id}/download', { export_id: id }),
      query: { token },
      options,
    });
  }

  /**
   * Erases them from every store, the queues and the webhook log; answers a signed receipt.
   *
   * @example
   * const receipt = await herald.subjects.erase({ identifier: '+14155550100' });
   */
  erase(params: SubjectParams, options?: RequestOptions): Promise<ErasureReceipt> {
    return this.http.request({
      method: 'POST',
      path: '/v1/subjects/erasures',
      body: params,
      options,
    });
  }

  /**
   * The receipt of an erasure.
   *
   * @example
   * const receipt = await herald.subjects.getErasure('era_01JD2W5X6Y7Z8A9B0C1D2E3F4G');
   */
  getErasure(id: string, options?: RequestOptions): Promise<ErasureReceipt> {
    return this.http.request({
      method: 'GET',
      path: pathOf('/v1/subjects/erasures/{erasure_id}', { erasure_id: id }),
      options,
    });
  }

  /**
   * Stops every send to them, and all processing of their inbound texts, deleting nothing.
   *
   * @example
   * const restriction = await herald.subjects.restrict({ identifier: '+14155550100' });
   */
  restrict(params: SubjectParams, options?: RequestOptions): Promise<SubjectRestriction> {
    return this.http.request({
      method: 'POST',
      path: '/v1/subjects/restrictions',
      body: params,
      options,
    });
  }

  /**
   * Lifts a restriction (a reason it had before, like an opt-out, comes back).
   *
   * @example
   * await herald.subjects.liftRestriction(restriction.id);
   */
  liftRestriction(id: string, options?: RequestOptions): Promise<void> {
    return this.http.request({
      method: 'DELETE',
      path: pathOf('/v1/subjects/restrictions/{restriction_id}', { restriction_id: id }),
      options,
    });
  }

  /**
   * The public key (Ed25519, PEM) that verifies erasure receipts. Needs no API key.
   *
   * @example
   * const { public_key } = await herald.subjects.receiptKey();
   */
  receiptKey(options?: RequestOptions): Promise<ReceiptKey> {
    return this.http.request({ method: 'GET', path: '/v1/privacy/receipt-key', options });
  }
}
