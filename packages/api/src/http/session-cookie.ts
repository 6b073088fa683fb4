import type { StartedSession } from '@herald/core';
import { parse, serialize } from 'cookie';
import type { Request, Response } from 'express';

export type CookieSettings = {
  /** `Secure` (and the `__Host-` name prefix when Herald is served over HTTPS). */
  secure: boolean;
  https: boolean;
};

export function sessionCookieName(settings: CookieSettings): string {
  return settings.https ? '__Host-herald_session' : 'herald_session';
}

export function readSessionCookie(req: Request, settings: CookieSettings): string | undefined {
  const header = req.headers.cookie;
  return header ? parse(header)[sessionCookieName(settings)] : undefined;
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Path=/. */
export function setSessionCookie(
  res: Response,
  session: StartedSession,
  settings: CookieSettings,
): void {
  res.append(
    'Set-Cookie',
    serialize(sessionCookieName(settings), session.secret, {
      httpOnly: true,
      secure: settings.secure,
      sameSite: 'strict',
      path: '/',
      expires: session.expiresAt,
    }),
  );
}

export function clearSessionCookie(res: Response, settings: CookieSettings): void {
  res.append(
    'Set-Cookie',
    serialize(sessionCookieName(settings), '', {
      httpOnly: true,
      secure: settings.secure,
      sameSite: 'strict',
      path: '/',
      maxAge: 0,
    }),
  );
}
