import { type AuditLog, HeraldError, presentAuditEvent, presentLoginEvent } from '@herald/core';
import { Router } from 'express';
import { parametersOf, userOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';

/** The audit log and the log-in IP log, for owners and admins, newest first. */
export function auditRoutes(deps: { kit: RouteKit; audit: AuditLog }): Router {
  const router = Router();
  const { route } = deps.kit;

  router.get('/v1/audit-events', ...route('listAuditEvents'), async (_req, res) => {
    const { limit, cursor } = pageOf(res);
    const rows = await deps.audit.list(userOf(res).accountId, {
      limit: limit + 1,
      beforeId: cursor,
    });
    res.json(page(rows.map(presentAuditEvent), limit, (e) => e.id));
  });

  router.get('/v1/login-events', ...route('listLoginEvents'), async (_req, res) => {
    const { limit, cursor } = pageOf(res);
    const rows = await deps.audit.listLogins(userOf(res).accountId, {
      limit: limit + 1,
      beforeId: cursor,
    });
    const data = rows.map((row) => ({ cursor: row.id, event: presentLoginEvent(row) }));
    const result = page(data, limit, (e) => e.cursor);
    res.json({ ...result, data: result.data.map((d) => d.event) });
  });

  return router;
}

function pageOf(res: Parameters<typeof parametersOf>[0]): { limit: number; cursor?: string } {
  const query = parametersOf(res).query;
  const cursor = query.cursor as string | undefined;
  return {
    limit: query.limit as number,
    cursor: cursor === undefined ? undefined : decode(cursor),
  };
}

function page<T>(rows: T[], limit: number, idOf: (row: T) => string) {
  const data = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  const last = data.at(-1);
  return {
    object: 'list' as const,
    data,
    has_more: hasMore,
    next_cursor: hasMore && last ? encode(idOf(last)) : null,
  };
}

function encode(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

function decode(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^(aud_[0-9A-Z]{26}|\d{1,19})$/.test(id))
    throw new HeraldError('invalid_cursor', { param: 'cursor' });
  return id;
}
