import { HeraldError } from '@herald/core';
import type { Request } from 'express';

/*
 * The rules every request's text follows, whichever way it arrives (path, query string, JSON,
 * form): UTF-8, escapes that decode, and no NUL, which PostgreSQL cannot store and no field of
 * Herald's needs. The same rules on every route, so no route accepts what another refuses.
 */

/** `%00`, however it is spelled. */
const ENCODED_NUL = /%00/i;

/** Why percent-encoded text (`+` for a space when `plusIsSpace`) is refused, or undefined. */
export function percentEncodingProblem(text: string, plusIsSpace: boolean): string | undefined {
  if (ENCODED_NUL.test(text)) return 'it contains a NUL (`%00`)';
  if (!text.includes('%')) return undefined;
  try {
    decodeURIComponent(plusIsSpace ? text.replaceAll('+', ' ') : text);
    return undefined;
  } catch {
    return 'it has a malformed percent-escape, or escaped bytes that are not UTF-8';
  }
}

export function hasBody(req: Request): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0
  );
}

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

/** Bodies are UTF-8: another charset is refused, not decoded into something the client did not mean. */
export function refuseForeignCharset(req: Request): void {
  const charset = CHARSET.exec(req.get('content-type') ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    throw new HeraldError('unsupported_media_type', {
      detail: `The charset \`${charset}\` is not supported: send the body as UTF-8.`,
    });
}
