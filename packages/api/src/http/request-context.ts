import {
  type AccountStatus,
  type AuthenticatedSession,
  newId,
  type Operator,
  type Principal,
  type RequestMeta,
} from '@herald/core';
import type { Request, RequestHandler, Response } from 'express';
import type { ValidatedParameters } from '../openapi/request-validator.js';

/** What middleware learns about a request, kept on `res.locals` with types. */
export type RequestContext = {
  requestId: string;
  operationId?: string;
  principal?: Principal;
  accountStatus?: AccountStatus;
  rateLimitPerSecond?: number | null;
  /** Made by sign-up and no owner has verified their address: it cannot send. */
  awaitingOwnerVerification?: boolean;
  /** The account's retention policy: false is no-store mode. */
  storeContent?: boolean;
  session?: AuthenticatedSession;
  /** The operator signed in, on the operator routes. */
  operator?: Operator;
  parameters?: ValidatedParameters;
  /** Messages this request accepted, by channel (not replays): the accepted-messages counter. */
  accepted?: Partial<Record<'sms' | 'email' | 'push', number>>;
};

export function context(res: Response): RequestContext {
  return res.locals as RequestContext;
}

/** The authenticated caller; only valid on routes whose operation requires one. */
export function principalOf(res: Response): Principal {
  const principal = context(res).principal;
  if (!principal) throw new Error('route reached without authentication');
  return principal;
}

/** A test API key's `test`; live keys and console sessions are `live`. */
export function modeOf(principal: Principal): 'live' | 'test' {
  return principal.kind === 'api_key' ? principal.mode : 'live';
}

/** The caller behind a console session; only valid on session-only routes. */
export function userOf(res: Response): Extract<Principal, { kind: 'user' }> {
  const principal = principalOf(res);
  if (principal.kind !== 'user') throw new Error('route reached without a session');
  return principal;
}

export function parametersOf(res: Response): ValidatedParameters {
  return context(res).parameters ?? { query: {}, headers: {} };
}

/** The client's IP (as `trust proxy` allows) and user agent, for the log-in and audit logs. */
export function metaOf(req: Request): RequestMeta {
  return { ip: req.ip ?? null, userAgent: req.get('user-agent')?.slice(0, 512) ?? null };
}

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Keeps a sane client-supplied `X-Request-Id` (for tracing across services) or makes one. */
export const requestId: RequestHandler = (req, res, next) => {
  const incoming = req.get('x-request-id');
  const id = incoming && CLIENT_REQUEST_ID.test(incoming) ? incoming : newId('req');
  context(res).requestId = id;
  res.set('X-Request-Id', id);
  next();
};

/** Names the spec operation a route serves, for validation, the contract check and logs. */
export function operation(operationId: string): RequestHandler {
  return (_req, res, next) => {
    context(res).operationId = operationId;
    next();
  };
}

/** The operator signed in on an operator route, as the audit log names them (issue 17, item 8). */
export function operatorActor(req: Request, res: Response) {
  const operator = context(res).operator;
  if (!operator)
    throw new Error('operatorActor on a route that authorize did not open for an operator');
  return { type: 'operator' as const, id: operator.id, ip: req.ip ?? null };
}
