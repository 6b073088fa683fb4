import {
  HeraldError,
  type MessageContent,
  type MessageTemplateRef,
  type SendMessageInput,
  type TemplateUse,
  underParam,
} from '@herald/core';
import type { components } from '@herald/openapi';

type SendMessageRequest = components['schemas']['SendMessageRequest'];
type Channel = SendMessageRequest['channel'];

/** What a rendered template gives a send: its content, and which template made it. */
export type RenderedContent = { content: MessageContent; template: MessageTemplateRef };

/** Renders a send's template for its channel (TemplateService.render, for the caller's account). */
export type RenderTemplate = (channel: Channel, use: TemplateUse) => Promise<RenderedContent>;

/** TemplateService.render's answer, as a send keeps it. */
export function asRenderedContent(rendered: {
  template: { id: string; version: number };
  locale: string;
  content: MessageContent;
}): RenderedContent {
  const { template, locale, content } = rendered;
  return { content, template: { id: template.id, version: template.version, locale } };
}

/** The content fields of each channel: a send gives these, or a template. */
const contentFields = {
  sms: ['body'],
  email: ['subject', 'text', 'html'],
  push: ['title', 'body', 'data'],
} as const;

/** Wire → domain: the usage fields, and the content that goes to the content store. */
export async function toSendInput(
  request: SendMessageRequest,
  render: RenderTemplate,
): Promise<SendMessageInput> {
  return {
    to: request.to,
    from: request.channel === 'push' ? undefined : request.from,
    replyTo: request.channel === 'email' ? request.reply_to : undefined,
    statusCallback: request.status_callback,
    metadata: request.metadata,
    sendAt: request.send_at === undefined ? undefined : new Date(request.send_at),
    validityPeriod: request.validity_period,
    priority: request.priority,
    category: request.category,
    topic: request.topic,
    contentRetention: request.content_retention,
    ...(await contentOf(request, render)),
    ...(request.fallback && { fallback: await fallbackOf(request.fallback, render) }),
  };
}

/** Each fallback step as a send of its own; an error in one names it (`fallback.1.message.to`). */
async function fallbackOf(
  steps: NonNullable<SendMessageRequest['fallback']>,
  render: RenderTemplate,
): Promise<NonNullable<SendMessageInput['fallback']>> {
  const parsed: NonNullable<SendMessageInput['fallback']> = [];
  for (const [i, step] of steps.entries()) {
    const prefix = `fallback.${i}.message`;
    try {
      parsed.push({
        afterSeconds: step.after_seconds,
        message: await toSendInput(step.message as SendMessageRequest, render),
      });
    } catch (error) {
      throw error instanceof HeraldError ? underParam(error, prefix) : error;
    }
  }
  return parsed;
}

/** As `toSendInput`, with a refusal as the item's answer: one message of a batch. */
export function toBatchItem(
  request: SendMessageRequest,
  render: RenderTemplate,
): Promise<SendMessageInput | HeraldError> {
  if (request.fallback)
    return Promise.resolve(
      new HeraldError('invalid_value', {
        param: 'fallback',
        reason: 'a message of a batch cannot have a fallback chain; send it with POST /v1/messages',
      }),
    );
  return toSendInput(request, render).catch((error: unknown) => {
    if (error instanceof HeraldError) return error;
    throw error;
  });
}

async function contentOf(
  request: SendMessageRequest,
  render: RenderTemplate,
): Promise<{ content: MessageContent; template?: MessageTemplateRef }> {
  const given = contentFields[request.channel].filter(
    (field) => (request as Record<string, unknown>)[field] !== undefined,
  );
  if (request.template !== undefined) {
    if (given.length > 0)
      throw new HeraldError('template_with_content', {
        param: given[0],
        reason: given.join('`, `'),
      });
    return render(request.channel, {
      template: request.template,
      version: request.template_version,
      locale: request.locale,
      variables: request.variables,
    });
  }
  // What only a template uses, without one, is a mistake worth saying.
  for (const field of ['variables', 'locale', 'template_version'] as const)
    if (request[field] !== undefined) throw new HeraldError('missing_field', { param: 'template' });
  return { content: literalContentOf(request) };
}

/** The content a send spells out, each channel's fields. */
function literalContentOf(request: SendMessageRequest): MessageContent {
  switch (request.channel) {
    case 'sms':
      if (request.body === undefined) throw new HeraldError('missing_field', { param: 'body' });
      return { channel: 'sms', body: request.body };
    case 'email':
      if (request.subject === undefined)
        throw new HeraldError('missing_field', { param: 'subject' });
      return { channel: 'email', subject: request.subject, html: request.html, text: request.text };
    case 'push':
      return { channel: 'push', title: request.title, body: request.body, data: request.data };
  }
}
