import {
  actorOf,
  HeraldError,
  isCancelable,
  type Logger,
  type Message,
  type MessageContentService,
  type MessageQueryService,
  type MessageRemovalService,
  messageIdOfSid,
  type SendMessageInput,
  type SendMessageService,
  type SendRateLimiter,
  type TemplateService,
  twilioAccountSid,
} from '@herald/core';
import type { components } from '@herald/openapi';
import { type RequestHandler, Router } from 'express';
import { formBody } from '../http/form-body.js';
import { context, metaOf, modeOf, parametersOf, principalOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';
import { sendGuard } from '../messages/messages.routes.js';
import { asRenderedContent, type RenderTemplate } from '../messages/send-input.js';
import { presentTwilioMessage, presentTwilioPage } from './twilio-compat.presenter.js';
import { twilioErrorHandler } from './twilio-compat-errors.js';

type CreateMessageForm = components['schemas']['TwilioCreateMessageRequest'];

export type TwilioCompatRouteDeps = {
  kit: RouteKit;
  send: SendMessageService;
  messages: MessageQueryService;
  content: MessageContentService;
  rateLimiter: SendRateLimiter;
  removals: MessageRemovalService;
  templates: TemplateService;
  logger: Logger;
};

export const TWILIO_API_PREFIX = '/2010-04-01';
const MESSAGES = `${TWILIO_API_PREFIX}/Accounts/:AccountSid/Messages.json`;
const MESSAGE = `${TWILIO_API_PREFIX}/Accounts/:AccountSid/Messages/:Sid.json`;
/** Herald's largest page; a larger Twilio `PageSize` is served in pages of this size. */
const MAX_PAGE_SIZE = 100;

/**
 * Twilio's Messages API over Herald, so code written for Twilio only changes its base URL (see
 * ADR 10). Thin like every route: Twilio's form in, Herald's services, Twilio's JSON out. Mounted
 * before the JSON parser: it reads forms, after authentication.
 */
export function twilioCompatRoutes(deps: TwilioCompatRouteDeps): Router {
  const router = Router();
  const withForm = (operationId: string) => deps.kit.route(operationId, { body: formBody });
  const keySid = (res: Parameters<RequestHandler>[1]) => {
    const principal = principalOf(res);
    if (principal.kind !== 'api_key') throw new Error('Twilio route reached without a key');
    return { accountId: principal.accountId, accountSid: twilioAccountSid(principal.apiKeyId) };
  };
  /** What the message said, or '' when it was not stored or is gone (as Twilio shows redacted bodies). */
  const bodyOf = async (accountId: string, message: Message): Promise<string> => {
    if (!message.contentStored) return '';
    try {
      const { content } = await deps.content.read(accountId, message.id);
      return content.channel === 'sms' ? content.body : '';
    } catch (error) {
      if (error instanceof HeraldError && error.code.startsWith('content_')) return '';
      throw error;
    }
  };
  /** Only SMS exist in Twilio's Messages API; an email or push is not found there. */
  const smsOf = async (accountId: string, sid: string): Promise<Message> => {
    const message = await deps.messages.get(accountId, messageIdOfSid(sid));
    if (message.channel !== 'sms') throw new HeraldError('message_not_found', { param: 'Sid' });
    return message;
  };

  router.post(
    MESSAGES,
    ...withForm('twilioCreateMessage'),
    sendGuard(deps.rateLimiter),
    async (req, res) => {
      const form = req.body as CreateMessageForm;
      const { accountId, accountSid } = keySid(res);
      const render: RenderTemplate = async (channel, use) =>
        asRenderedContent(await deps.templates.render(accountId, channel, use, 'ContentSid'));
      const input = await toSendInput(form, render);
      const result = await deps.send.send(accountId, input, {
        idempotencyKey: parametersOf(res).headers['Idempotency-Key'],
        storeContent: context(res).storeContent,
        mode: modeOf(principalOf(res)),
        request: form,
        render: (message) => ({
          status: 201,
          body: presentTwilioMessage(message, accountSid, form.Body ?? ''),
        }),
      });
      if (result.replayed) res.set('Idempotent-Replayed', 'true');
      else if (result.status < 300) context(res).accepted = { sms: 1 };
      res.status(result.status).json(result.body);
    },
  );

  router.get(MESSAGES, ...deps.kit.route('twilioListMessages'), async (_req, res) => {
    const { accountId, accountSid } = keySid(res);
    const query = parametersOf(res).query;
    const page = query.Page as number;
    const pageToken = query.PageToken as string | undefined;
    if (page > 0 && !pageToken)
      throw new HeraldError('invalid_parameter', {
        param: 'Page',
        reason: 'a later page needs the `PageToken` of `next_page_uri`',
      });
    const pageSize = Math.min(query.PageSize as number, MAX_PAGE_SIZE);
    const filters = Object.fromEntries(
      ['To', 'DateSent', 'DateSent<', 'DateSent>']
        .filter((name) => query[name] !== undefined)
        .map((name) => [name, String(query[name])]),
    );
    const result = await deps.messages
      .list(accountId, {
        limit: pageSize,
        cursor: pageToken,
        channel: 'sms',
        to: filters.To,
        ...dateRange(filters),
      })
      .catch((error: unknown) => {
        throw error instanceof HeraldError && error.code === 'invalid_cursor'
          ? new HeraldError('invalid_parameter', { param: 'PageToken', reason: 'it is not valid' })
          : error;
      });
    const messages = await Promise.all(
      result.data.map(async (m) => presentTwilioMessage(m, accountSid, await bodyOf(accountId, m))),
    );
    res.json(
      presentTwilioPage({
        accountSid,
        messages,
        filters,
        page,
        pageSize,
        pageToken,
        nextPageToken: result.nextCursor,
      }),
    );
  });

  router.get(MESSAGE, ...deps.kit.route('twilioFetchMessage'), async (req, res) => {
    const { accountId, accountSid } = keySid(res);
    const message = await smsOf(accountId, req.params.Sid as string);
    res.json(presentTwilioMessage(message, accountSid, await bodyOf(accountId, message)));
  });

  // Twilio deletes the record. Herald cancels a message that has not gone out (ADR 10), and
  // removes a finished one's content and recipient as `DELETE /v1/messages/{id}` does, keeping
  // the row billing counts; one being handed to the provider is Twilio's 20009.
  router.delete(MESSAGE, ...deps.kit.route('twilioDeleteMessage'), async (req, res) => {
    const { accountId } = keySid(res);
    const message = await smsOf(accountId, req.params.Sid as string);
    if (isCancelable(message.status)) await deps.send.cancel(accountId, message.id);
    else await deps.removals.remove(accountId, message.id, actorOf(principalOf(res), metaOf(req)));
    res.status(204).end();
  });

  router.use(twilioErrorHandler(deps.logger));
  return router;
}

/**
 * Twilio's form → Herald's send input (SMS). Fields Herald cannot honour are refused here.
 * `ContentSid` names a Herald template (its id or name) and `ContentVariables` its variables, as
 * Twilio's Content API does with its own templates.
 */
async function toSendInput(
  form: CreateMessageForm,
  render: RenderTemplate,
): Promise<SendMessageInput> {
  if (form.MediaUrl !== undefined)
    throw new HeraldError('invalid_value', {
      param: 'MediaUrl',
      detail: 'Herald sends SMS only: `MediaUrl` (MMS) is not supported. Send the text in `Body`.',
    });
  const validity = form.ValidityPeriod === undefined ? undefined : Number(form.ValidityPeriod);
  if (validity !== undefined && (validity < 1 || validity > 36_000))
    throw new HeraldError('invalid_value', {
      param: 'ValidityPeriod',
      reason: 'it must be between 1 and 36000 seconds',
    });
  return {
    to: form.To,
    from: form.From,
    statusCallback: form.StatusCallback,
    sendAt: form.SendAt === undefined ? undefined : new Date(form.SendAt),
    validityPeriod: validity,
    contentRetention: form.ContentRetention === 'discard' ? 'none' : undefined,
    ...(await contentOf(form, render)),
  };
}

async function contentOf(form: CreateMessageForm, render: RenderTemplate) {
  if (form.ContentSid === undefined) {
    if (!form.Body) throw new HeraldError('missing_field', { param: 'Body' });
    return { content: { channel: 'sms' as const, body: form.Body } };
  }
  if (form.Body !== undefined)
    throw new HeraldError('template_with_content', { param: 'Body', reason: 'Body' });
  return render('sms', {
    template: form.ContentSid,
    variables: variablesOf(form.ContentVariables),
  });
}

/** `ContentVariables`: a JSON object, as Twilio takes it. */
function variablesOf(json: string | undefined): Record<string, unknown> | undefined {
  if (json === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new HeraldError('invalid_value', {
      param: 'ContentVariables',
      reason: 'it must be a JSON object, like {"name": "Ana"}',
    });
  return value as Record<string, unknown>;
}

/** Twilio's `DateSent` filters, on the day (or instant) given, as Herald's creation range. */
function dateRange(filters: Record<string, string>): { createdAfter?: Date; createdBefore?: Date } {
  const parse = (value: string, name: string) => {
    const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    if (Number.isNaN(date.getTime()))
      throw new HeraldError('invalid_parameter', { param: name, reason: 'it must be a date' });
    return date;
  };
  const on = filters.DateSent === undefined ? undefined : parse(filters.DateSent, 'DateSent');
  const after = filters['DateSent>'];
  const before = filters['DateSent<'];
  return {
    createdAfter: on ?? (after === undefined ? undefined : parse(after, 'DateSent>')),
    createdBefore: on
      ? new Date(on.getTime() + 86_400_000)
      : before === undefined
        ? undefined
        : parse(before, 'DateSent<'),
  };
}
