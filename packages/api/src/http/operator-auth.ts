import { timingSafeEqual } from 'node:crypto';
import { HeraldError } from '@herald/core';
import type { RequestHandler } from 'express';
import { sendProblem } from './problem.js';

/**
 * The operator token outside the spec's routes (`/metrics`, the queue dashboard): as
 * `Authorization: Bearer <token>` (Prometheus, curl), or as the password of HTTP Basic with any
 * user name, so a browser can open the dashboard through its own log-in prompt. With no token
 * configured, everything is refused.
 */
export function requireOperator(token: string | undefined): RequestHandler {
  return (req, res, next) => {
    const presented = presentedToken(req.get('authorization'));
    if (token && presented !== undefined && safeEqual(presented, token)) return next();
    res.set('WWW-Authenticate', 'Basic realm="Herald operators", charset="UTF-8"');
    sendProblem(res, new HeraldError('operator_token_invalid'));
  };
}

function presentedToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const bearer = /^Bearer +(\S+)\s*$/i.exec(header)?.[1];
  if (bearer) return bearer;
  const basic = /^Basic +([A-Za-z0-9+/=]+)\s*$/i.exec(header)?.[1];
  if (!basic) return undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
