import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { heraldKey } from '../platform/crypto/herald-key.js';
import type { MasterKey } from '../platform/crypto/master-key.js';
import type { ChannelName, UsageDatabase } from '../platform/stores/usage.schema.js';

const KEY_NAME = 'preference-links';

/** What a link speaks for: one end user of one account, and for one-click, what they leave. */
export type PreferenceLinkClaims = {
  accountId: string;
  channel: ChannelName;
  /** The keyed hash of the identifier, as the suppression list and preferences keep it. */
  hash: string;
  /** The masked identifier the page shows, so the person recognises it as theirs. */
  masked: string;
  /** One-click unsubscribe: the topic to leave, or null for all marketing. */
  topic?: string | null;
  expiresAt: Date;
};

const payloadSchema = z.object({
  a: z.string(),
  c: z.enum(['sms', 'email', 'push']),
  h: z.string(),
  m: z.string(),
  t: z.string().nullable().optional(),
  x: z.number().int(),
});

/**
 * Signed links to an end user's preference page and one-click unsubscribe (issue 16): the link
 * is the credential, so no log-in and no cookie. An HMAC under a key of Herald's own (created
 * once, wrapped by the master key) signs what it speaks for and when it stops working; nothing
 * is stored per link, and the identifier itself is never in it.
 */
export class PreferenceLinks {
  private readonly loadKey: () => Promise<Buffer>;

  constructor(deps: { usage: Kysely<UsageDatabase>; masterKey: MasterKey }) {
    this.loadKey = heraldKey(deps.usage, deps.masterKey, KEY_NAME);
  }

  async sign(claims: PreferenceLinkClaims): Promise<string> {
    const payload = Buffer.from(
      JSON.stringify({
        a: claims.accountId,
        c: claims.channel,
        h: claims.hash,
        m: claims.masked,
        ...(claims.topic !== undefined && { t: claims.topic }),
        x: Math.floor(claims.expiresAt.getTime() / 1000),
      }),
    ).toString('base64url');
    return `${payload}.${await this.mac(payload)}`;
  }

  /** The claims of a genuine link that has not expired, or null (whichever way it is not). */
  async verify(token: string, now: Date): Promise<PreferenceLinkClaims | null> {
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined) return null;
    const expected = Buffer.from(await this.mac(payload));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const parsed = payloadSchema.safeParse(safeJson(Buffer.from(payload, 'base64url').toString()));
    if (!parsed.success || parsed.data.x * 1000 <= now.getTime()) return null;
    const { a, c, h, m, t, x } = parsed.data;
    return {
      accountId: a,
      channel: c,
      hash: h,
      masked: m,
      ...(t !== undefined && { topic: t }),
      expiresAt: new Date(x * 1000),
    };
  }

  private async mac(payload: string): Promise<string> {
    return createHmac('sha256', await this.loadKey())
      .update(`preference-link\n${payload}`)
      .digest('base64url');
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The end user's preference page: a GET shows it, the form on it POSTs back. */
export function preferencePageUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/preferences/${token}`;
}

/** RFC 8058's one-click address: a POST unsubscribes at once, a GET shows the page. */
export function oneClickUnsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/unsubscribe/${token}`;
}
