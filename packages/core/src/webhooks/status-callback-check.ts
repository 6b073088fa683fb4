import { HeraldError } from '../platform/errors/herald-error.js';
import {
  checkWebhookUrl,
  parseWebhookUrl,
  type UrlGuardOptions,
  WebhookUrlRefused,
} from './webhook-url-guard.js';

const PASS_REMEMBERED_MS = 60_000;
const MAX_REMEMBERED = 1000;

/**
 * The SSRF guard for the URL a message names (`status_callback`), when it is accepted: the
 * check a webhook endpoint's URL gets when it is saved, refused as `webhook_url_forbidden`
 * naming the field. A host that passed is remembered for a minute, so a batch to one callback
 * resolves its name once. Delivery checks again at every connection (DNS rebinding), so a
 * remembered pass never lets a private address through.
 */
export function statusCallbackCheck(
  options: UrlGuardOptions,
  now: () => number = Date.now,
): (url: string) => Promise<void> {
  const passed = new Map<string, number>();
  return async (raw) => {
    try {
      const url = parseWebhookUrl(raw);
      const origin = `${url.protocol}//${url.host}`;
      if ((passed.get(origin) ?? 0) > now()) return;
      await checkWebhookUrl(raw, options);
      if (passed.size >= MAX_REMEMBERED) passed.clear();
      passed.set(origin, now() + PASS_REMEMBERED_MS);
    } catch (error) {
      if (!(error instanceof WebhookUrlRefused)) throw error;
      throw new HeraldError('webhook_url_forbidden', {
        param: 'status_callback',
        reason: error.reason,
      });
    }
  };
}
