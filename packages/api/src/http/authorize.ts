import { timingSafeEqual } from 'node:crypto';
import {
  type AccountService,
  can,
  describeCaller,
  HeraldError,
  OPERATOR_TOKEN_PREFIX,
  type OperatorService,
  type SessionService,
} from '@herald/core';
import type { RequestHandler } from 'express';
import type { OperationAccess } from '../openapi/operation-access.js';
import { context } from './request-context.js';
import { type CookieSettings, readSessionCookie } from './session-cookie.js';
import { authenticateTwilioBasic } from './twilio-basic-auth.js';

export type AuthorizeDeps = {
  accounts: AccountService;
  sessions: SessionService;
  cookies: CookieSettings;
  /** Named operators' sessions (issue 17, item 8): the operator routes' only credential. */
  operators: OperatorService;
  /** The email provider's event webhook token (EMAIL_EVENTS_TOKEN). */
  providerToken?: string | undefined;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What a closed (closing) organisation still answers, to its people in a session, until the
 * purge: who is logged in, the account, the closing (closing again says `account_closing`) and
 * its cancellation, the organisation's own data export (the last chance to take a copy), and
 * logging out.
 */
const openWhileClosed = new Set([
  'getSession',
  'logOut',
  'getAccount',
  'closeAccount',
  'getAccountClosure',
  'cancelAccountClosure',
  'exportAccountData',
]);

/**
 * What a member may do while their organisation requires two factors they have not set up:
 * see who they are, set them up, and leave.
 */
const openWithoutTwoFactor = new Set([
  'getSession',
  'logOut',
  'getProfile',
  'startTwoFactorSetup',
  'confirmTwoFactor',
]);

/**
 * Authenticates the caller with a credential the operation accepts (an API key, a session
 * cookie plus its CSRF token, or the operator token), then checks its `x-permission`. The spec
 * is the single source: an operation's security and permission are read from it.
 */
export function authorize(access: OperationAccess, deps: AuthorizeDeps): RequestHandler {
  return async (req, res, next) => {
    const { credentials, permission } = access;
    if (credentials.length === 0) return next();
    const bearer = bearerOf(req.get('authorization'));

    if (credentials.includes('providerToken')) {
      if (!bearer || !deps.providerToken || !safeEqual(bearer, deps.providerToken))
        throw new HeraldError('provider_token_invalid');
      return next();
    }
    if (credentials.includes('operatorToken')) {
      // A person signed in as themselves; the machine token (`/metrics`) opens none of these.
      if (!bearer?.startsWith(OPERATOR_TOKEN_PREFIX))
        throw new HeraldError('operator_token_invalid');
      context(res).operator = await deps.operators.authenticate(bearer);
      return next();
    }

    const ctx = context(res);
    const cookie = readSessionCookie(req, deps.cookies);
    if (credentials.includes('twilioBasic')) {
      // The Twilio-compatible routes: HTTP Basic with a key, which then acts as that key.
      const key = await authenticateTwilioBasic(req, deps.accounts);
      ctx.principal = key.principal;
      ctx.accountStatus = key.accountStatus;
      ctx.rateLimitPerSecond = key.rateLimitPerSecond;
      ctx.awaitingOwnerVerification = key.awaitingOwnerVerification;
      ctx.storeContent = key.storeContent;
    } else if (bearer !== undefined && credentials.includes('apiKey')) {
      const key = await deps.accounts.authenticate(bearer, req.ip ?? null);
      ctx.principal = key.principal;
      ctx.accountStatus = key.accountStatus;
      ctx.rateLimitPerSecond = key.rateLimitPerSecond;
      ctx.awaitingOwnerVerification = key.awaitingOwnerVerification;
      ctx.storeContent = key.storeContent;
    } else if (bearer !== undefined && credentials.includes('session') && !cookie) {
      throw new HeraldError('forbidden', {
        detail: 'API keys cannot call this route: it is for people, through the console.',
      });
    } else if (cookie !== undefined && credentials.includes('session')) {
      const session = await deps.sessions.authenticate(cookie);
      if (!SAFE_METHODS.has(req.method)) {
        const sent = req.get('x-csrf-token');
        if (!sent || !safeEqual(sent, session.csrfToken))
          throw new HeraldError('csrf_token_invalid');
      }
      ctx.principal = session.principal;
      ctx.accountStatus = session.accountStatus;
      ctx.rateLimitPerSecond = session.rateLimitPerSecond;
      ctx.awaitingOwnerVerification = session.awaitingOwnerVerification;
      ctx.storeContent = session.storeContent;
      ctx.session = session;
      if (session.twoFactorSetupRequired && !openWithoutTwoFactor.has(ctx.operationId ?? ''))
        throw new HeraldError('two_factor_setup_required');
    } else if (credentials.includes('apiKey')) {
      throw new HeraldError(
        bearer === undefined && req.get('authorization') ? 'invalid_api_key' : 'missing_api_key',
        {
          ...(req.get('authorization')
            ? { detail: 'Send the API key as `Authorization: Bearer hk_...`.' }
            : {}),
        },
      );
    } else {
      throw new HeraldError('session_required');
    }

    if (permission && !can(ctx.principal!, permission)) {
      throw new HeraldError('forbidden', { reason: describeCaller(ctx.principal!) });
    }
    if (ctx.accountStatus === 'closed' && !openWhileClosed.has(ctx.operationId ?? '')) {
      throw new HeraldError('account_not_active', {
        detail:
          'This organisation is closed. Until its purge date an owner can still cancel with DELETE /v1/account/closure.',
      });
    }
    next();
  };
}

function bearerOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  return /^Bearer +(\S+)\s*$/i.exec(header)?.[1];
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
