import { timingSafeEqual } from 'node:crypto';
import { authenticator } from 'otplib';

export const TOTP_STEP_SECONDS = 30;

/**
 * The 30-second step a TOTP `code` is valid for (now, or one either side for clock drift), if
 * later than `lastStep`: a code works once. Null when it is not a code of `secret`.
 */
export function acceptedTotpStep(
  secret: string,
  code: string,
  lastStep: string | null,
  now: Date,
): number | null {
  const trimmed = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(trimmed)) return null;
  const current = Math.floor(now.getTime() / 1000 / TOTP_STEP_SECONDS);
  for (const step of [current, current - 1, current + 1]) {
    if (lastStep !== null && step <= Number(lastStep)) continue;
    const expected = Buffer.from(
      authenticator.clone({ epoch: step * TOTP_STEP_SECONDS * 1000 }).generate(secret),
    );
    const given = Buffer.from(trimmed);
    if (expected.length === given.length && timingSafeEqual(expected, given)) return step;
  }
  return null;
}
