import {
  actorOf,
  HeraldError,
  type ListMessagesQuery,
  type MessageContentService,
  type MessageQueryService,
  type MessageRemovalService,
  presentContent,
  presentEvents,
  presentMessage,
  presentMessagePage,
  presentMessageRemoval,
  rateLimitedError,
  type SendMessageService,
  type SendRateLimiter,
  type TemplateService,
} from '@herald/core';
import type { components } from '@herald/openapi';
import { type RequestHandler, Router } from 'express';
import { problemOf } from '../http/problem.js';
import { setRateLimitHeaders } from '../http/read-guard.js';
import { context, metaOf, modeOf, parametersOf, principalOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';
import { asRenderedContent, type RenderTemplate, toBatchItem, toSendInput } from './send-input.js';

export type MessagesRouteDeps = {
  kit: RouteKit;
  send: SendMessageService;
  messages: MessageQueryService;
  content: MessageContentService;
  rateLimiter: SendRateLimiter;
  templates: TemplateService;
  removals: MessageRemovalService;
};

export function messagesRoutes(deps: MessagesRouteDeps): Router {
  const router = Router();
  const { route } = deps.kit;
  const renderFor =
    (accountId: string): RenderTemplate =>
    async (channel, use) =>
      asRenderedContent(await deps.templates.render(accountId, channel, use));

  router.post(
    '/v1/messages',
    ...route('sendMessage'),
    sendGuard(deps.rateLimiter),
    async (req, res) => {
      const request = req.body as components['schemas']['SendMessageRequest'];
      const { accountId } = principalOf(res);
      const input = await toSendInput(request, renderFor(accountId));
      const result = await deps.send.send(accountId, input, {
        idempotencyKey: parametersOf(res).headers['Idempotency-Key'],
        storeContent: context(res).storeContent,
        mode: modeOf(principalOf(res)),
        request,
        render: (message) => ({ status: 202, body: presentMessage(message) }),
      });
      if (result.replayed) res.set('Idempotent-Replayed', 'true');
      else if (result.status === 202) context(res).accepted = { [request.channel]: 1 };
      res.status(result.status).json(result.body);
    },
  );

  router.post(
    '/v1/messages/batch',
    ...route('sendMessageBatch'),
    sendGuard(deps.rateLimiter, (body) => (body as { messages: unknown[] }).messages.length),
    async (req, res) => {
      const { messages } = req.body as components['schemas']['SendMessageBatchRequest'];
      // Each message is checked against the single-send schema on its own.
      const render = renderFor(principalOf(res).accountId);
      const items = await Promise.all(
        messages.map(
          (item) =>
            deps.kit.validator.checkBody('sendMessage', item) ??
            toBatchItem(item as unknown as components['schemas']['SendMessageRequest'], render),
        ),
      );
      const requestId = context(res).requestId;
      const accepted: Partial<Record<'sms' | 'email' | 'push', number>> = {};
      const result = await deps.send.sendBatch(principalOf(res).accountId, items, {
        idempotencyKey: parametersOf(res).headers['Idempotency-Key'],
        storeContent: context(res).storeContent,
        mode: modeOf(principalOf(res)),
        request: req.body,
        render: (outcomes) => {
          for (const o of outcomes)
            if (o.message) accepted[o.message.channel] = (accepted[o.message.channel] ?? 0) + 1;
          return {
            status: 200,
            body: {
              object: 'list',
              data: outcomes.map((o) =>
                o.message
                  ? { index: o.index, message: presentMessage(o.message) }
                  : { index: o.index, error: problemOf(o.error!, requestId) },
              ),
            },
          };
        },
      });
      if (result.replayed) res.set('Idempotent-Replayed', 'true');
      else context(res).accepted = accepted;
      res.status(result.status).json(result.body);
    },
  );

  router.delete('/v1/messages/:id', ...route('removeMessage'), async (req, res) => {
    const principal = principalOf(res);
    const removal = await deps.removals.remove(
      principal.accountId,
      req.params.id as string,
      actorOf(principal, metaOf(req)),
    );
    res.json(presentMessageRemoval(removal));
  });

  router.post('/v1/messages/:id/cancel', ...route('cancelMessage'), async (req, res) => {
    res.json(
      presentMessage(await deps.send.cancel(principalOf(res).accountId, req.params.id as string)),
    );
  });

  router.get('/v1/messages', ...route('listMessages'), async (_req, res) => {
    const query = parametersOf(res).query;
    const page = await deps.messages.list(principalOf(res).accountId, {
      limit: query.limit as number,
      cursor: query.cursor as string | undefined,
      status: query.status as ListMessagesQuery['status'],
      channel: query.channel as ListMessagesQuery['channel'],
      to: query.to as string | undefined,
      createdAfter: dateOrUndefined(query.created_after),
      chainId: query.chain_id as string | undefined,
      createdBefore: dateOrUndefined(query.created_before),
    });
    res.json(presentMessagePage(page));
  });

  router.get('/v1/messages/:id', ...route('getMessage'), async (req, res) => {
    res.json(
      presentMessage(await deps.messages.get(principalOf(res).accountId, req.params.id as string)),
    );
  });

  router.get('/v1/messages/:id/content', ...route('getMessageContent'), async (req, res) => {
    const { messageId, content } = await deps.content.read(
      principalOf(res).accountId,
      req.params.id as string,
    );
    res.json(presentContent(messageId, content));
  });

  router.get('/v1/messages/:id/events', ...route('listMessageEvents'), async (req, res) => {
    res.json(
      presentEvents(
        await deps.messages.events(principalOf(res).accountId, req.params.id as string),
      ),
    );
  });

  return router;
}

/**
 * A suspended account cannot send, nor one made by sign-up whose owner has not verified their
 * address (with any key: test keys reach the same providers until test mode is sandboxed, ADR
 * 17); then the key's and the account's rate limits apply, and every answer says where the
 * caller stands (`RateLimit-*`, draft-ietf-httpapi-ratelimit-headers).
 */
export function sendGuard(
  rateLimiter: SendRateLimiter,
  costOf: (body: unknown) => number = () => 1,
): RequestHandler {
  return async (req, res, next) => {
    const ctx = context(res);
    if (ctx.accountStatus === 'suspended') throw new HeraldError('account_suspended');
    if (ctx.awaitingOwnerVerification) throw new HeraldError('email_not_verified');
    const principal = principalOf(res);
    const decision = await rateLimiter.take(
      principal.accountId,
      principal.kind === 'api_key' ? principal.apiKeyId : null,
      ctx.rateLimitPerSecond ?? null,
      costOf(req.body),
    );
    setRateLimitHeaders(res, decision);
    if (!decision.allowed) throw rateLimitedError(decision);
    next();
  };
}

function dateOrUndefined(value: unknown): Date | undefined {
  return typeof value === 'string' ? new Date(value) : undefined;
}
