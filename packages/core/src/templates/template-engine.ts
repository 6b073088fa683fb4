import { Liquid, type Template } from 'liquidjs';
import type { MessageContent } from '../messages/message-content.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import type { ChannelName } from '../platform/stores/usage.schema.js';
import type { ChannelParts, LocaleParts } from './template.js';

/**
 * Liquid (liquidjs) with no way out of the template: no files (`include`, `render` and `layout`
 * are refused when the template is saved), only the variables' own properties (no
 * `constructor`), and limits on size, time and memory so a template cannot hold a worker.
 * A variable the template names and the send does not give is an error, never a blank.
 */
const options = {
  strictVariables: true,
  strictFilters: true,
  ownPropertyOnly: true,
  templates: {},
  relativeReference: false,
  parseLimit: 100_000,
  renderLimit: 200,
  memoryLimit: 10_000_000,
} as const;

function sandboxed(extra: { outputEscape?: 'escape' } = {}): Liquid {
  const liquid = new Liquid({ ...options, ...extra });
  for (const tag of ['include', 'render', 'layout'])
    liquid.registerTag(tag, {
      parse() {
        throw new Error(`{% ${tag} %} is not available: a template is one text`);
      },
      *render() {},
    });
  return liquid;
}

const text = sandboxed();
/** HTML parts escape every variable by default; `{{ x | raw }}` opts out. */
const html = sandboxed({ outputEscape: 'escape' });

/** Each part of a channel, in the order a reader meets them, with the engine that renders it. */
const partsOf = {
  sms: [['body', text]],
  email: [
    ['subject', text],
    ['text', text],
    ['html', html],
  ],
  push: [
    ['title', text],
    ['body', text],
  ],
} as const;

/** Checks every part of every locale parses; a fault names its field (`locales.en.email.html`). */
export function checkTemplateParts(locales: Record<string, LocaleParts>): void {
  for (const [locale, channels] of Object.entries(locales)) {
    for (const channel of Object.keys(channels) as ChannelName[]) {
      const parts = channels[channel] as Record<string, unknown>;
      for (const [field, engine] of partsOf[channel]) {
        const source = parts[field];
        if (typeof source === 'string')
          parse(engine, source, `locales.${locale}.${channel}.${field}`);
      }
      if (channel === 'push')
        for (const [key, source] of Object.entries(channels.push?.data ?? {}))
          parse(text, source, `locales.${locale}.push.data.${key}`);
    }
  }
}

/** Renders one channel's parts with the send's variables into the content that is sent. */
export async function renderParts(
  channel: ChannelName,
  parts: ChannelParts,
  variables: Record<string, unknown>,
): Promise<MessageContent> {
  const rendered: Record<string, string> = {};
  const fields = parts as Record<string, unknown>;
  for (const [field, engine] of partsOf[channel]) {
    const source = fields[field];
    if (typeof source === 'string') rendered[field] = await render(engine, source, variables);
  }
  switch (channel) {
    case 'sms':
      return { channel, body: rendered.body ?? '' };
    case 'email':
      return { channel, subject: rendered.subject ?? '', text: rendered.text, html: rendered.html };
    case 'push': {
      const data = (parts as ChannelParts<'push'>).data;
      const renderedData =
        data &&
        Object.fromEntries(
          await Promise.all(
            Object.entries(data).map(async ([key, source]) => [
              key,
              await render(text, source, variables),
            ]),
          ),
        );
      return { channel, title: rendered.title, body: rendered.body, data: renderedData };
    }
  }
}

function parse(engine: Liquid, source: string, param: string): Template[] {
  try {
    return engine.parse(source);
  } catch (error) {
    throw new HeraldError('invalid_template', { param, reason: reasonOf(error) });
  }
}

async function render(
  engine: Liquid,
  source: string,
  variables: Record<string, unknown>,
): Promise<string> {
  const template = parse(engine, source, 'template');
  try {
    return await engine.render(template, variables);
  } catch (error) {
    const missing = /undefined variable: ([^,]+)/.exec(reasonOf(error))?.[1];
    if (missing)
      throw new HeraldError('template_variable_missing', { param: `variables.${missing}` });
    throw new HeraldError('template_render_failed', { reason: reasonOf(error) });
  }
}

/** Liquid's own words ("undefined filter: nope, line:1, col:1"): never a variable's value. */
function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
