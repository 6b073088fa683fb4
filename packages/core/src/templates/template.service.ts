import type { Kysely } from 'kysely';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { MessageContent } from '../messages/message-content.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import { newId } from '../platform/ids.js';
import type { AccountDatabase } from '../platform/stores/account.schema.js';
import type { ChannelName } from '../platform/stores/usage.schema.js';
import {
  type ChannelParts,
  canonicalLocale,
  type LocaleParts,
  localeChain,
  type Template,
} from './template.js';
import {
  deleteTemplate,
  findTemplate,
  insertTemplate,
  insertTemplateVersion,
  listTemplates,
  nextVersion,
} from './template.store.js';
import { checkTemplateParts, renderParts } from './template-engine.js';

/** What a version holds: its locales' parts and the locale the fallback chain ends at. */
export type TemplateVersionInput = {
  defaultLocale: string;
  locales: Record<string, LocaleParts>;
  description?: string | null;
};

/** How a send or a preview names a template and fills it in. */
export type TemplateUse = {
  /** Its id (`tpl_…`) or its name. */
  template: string;
  version?: number;
  locale?: string;
  variables?: Record<string, unknown>;
};

export type RenderedTemplate = {
  template: Template;
  /** The locale whose parts were used, after the fallback chain. */
  locale: string;
  content: MessageContent;
};

/**
 * Message templates (issue 16): versions, locales with a fallback chain, Liquid parts per
 * channel. Templates are the organisation's account data; what they render to is content, and
 * goes the way of any message's content (encrypted, or not stored in no-store mode).
 */
export class TemplateService {
  constructor(private readonly deps: { account: Kysely<AccountDatabase>; audit: AuditLog }) {}

  async create(
    accountId: string,
    input: TemplateVersionInput & { name: string },
    actor: Actor,
  ): Promise<Template> {
    const version = checkedVersion(input);
    const id = newId('tpl');
    await this.deps.account.transaction().execute(async (tx) => {
      const description = input.description ?? null;
      if (!(await insertTemplate(tx, { id, accountId, name: input.name, description })))
        throw new HeraldError('template_name_taken', { param: 'name' });
      await insertTemplateVersion(tx, { templateId: id, version: 1, ...version });
      await this.audit(tx, accountId, actor, 'template.created', id, 1);
    });
    return this.get(accountId, id);
  }

  /** A new version: sends that name no version use it from now on; the older ones stay. */
  async addVersion(
    accountId: string,
    ref: string,
    input: TemplateVersionInput,
    actor: Actor,
  ): Promise<Template> {
    const checked = checkedVersion(input);
    const { id } = await this.get(accountId, ref);
    await this.deps.account.transaction().execute(async (tx) => {
      const version = await nextVersion(tx, accountId, id, input.description);
      if (version === undefined)
        throw new HeraldError('template_not_found', { param: 'template_id' });
      await insertTemplateVersion(tx, { templateId: id, version, ...checked });
      await this.audit(tx, accountId, actor, 'template.version_added', id, version);
    });
    return this.get(accountId, id);
  }

  list(accountId: string): Promise<Template[]> {
    return listTemplates(this.deps.account, accountId);
  }

  async get(
    accountId: string,
    ref: string,
    version?: number,
    param = 'template_id',
  ): Promise<Template> {
    const template = await findTemplate(this.deps.account, accountId, refOf(ref), version);
    if (!template) throw new HeraldError('template_not_found', { param });
    return template;
  }

  async delete(accountId: string, ref: string, actor: Actor): Promise<Template> {
    const template = await this.get(accountId, ref);
    await this.deps.account.transaction().execute(async (tx) => {
      await deleteTemplate(tx, accountId, template.id);
      await this.audit(tx, accountId, actor, 'template.deleted', template.id, template.version);
    });
    return template;
  }

  /** Renders a template for one channel, at its version (the latest unless named). */
  async render(
    accountId: string,
    channel: ChannelName,
    use: TemplateUse,
    param = 'template',
  ): Promise<RenderedTemplate> {
    const template = await this.get(accountId, use.template, use.version, param);
    return { template, ...(await renderFor(template, channel, use, param)) };
  }

  /** A draft rendered as a send would render it once saved: the console's live preview. */
  async preview(
    channel: ChannelName,
    draft: TemplateVersionInput,
    use: Omit<TemplateUse, 'template' | 'version'>,
  ): Promise<Omit<RenderedTemplate, 'template'>> {
    return renderFor(checkedVersion(draft), channel, use, 'locales');
  }

  private audit(
    tx: Parameters<AuditLog['record']>[1],
    accountId: string,
    actor: Actor,
    action: string,
    id: string,
    version: number,
  ): Promise<void> {
    return this.deps.audit.record(
      { accountId, actor, action, target: { type: 'template', id }, details: { version } },
      tx,
    );
  }
}

/** The version as stored: locale tags canonical, every part parsed once here, not at each send. */
function checkedVersion(input: TemplateVersionInput): {
  defaultLocale: string;
  locales: Record<string, LocaleParts>;
} {
  const locales: Record<string, LocaleParts> = {};
  for (const [tag, parts] of Object.entries(input.locales)) {
    if (parts.email && parts.email.text === undefined && parts.email.html === undefined)
      throw new HeraldError('invalid_value', {
        param: `locales.${tag}.email`,
        reason: 'an email part needs `text`, `html` or both',
      });
    locales[localeOf(tag, `locales.${tag}`)] = parts;
  }
  const defaultLocale = localeOf(input.defaultLocale, 'default_locale');
  if (!locales[defaultLocale])
    throw new HeraldError('invalid_value', {
      param: 'default_locale',
      reason: 'it must be one of the template’s `locales`',
    });
  checkTemplateParts(locales);
  return { defaultLocale, locales };
}

function localeOf(tag: string, param: string): string {
  try {
    return canonicalLocale(tag);
  } catch {
    throw new HeraldError('invalid_locale', { param });
  }
}

/**
 * Renders one channel: the first locale of the fallback chain with parts for the channel, and
 * the variables. A variable the parts use and the send does not give is a 422 naming it.
 */
async function renderFor(
  version: Pick<Template, 'defaultLocale' | 'locales'>,
  channel: ChannelName,
  use: Pick<TemplateUse, 'locale' | 'variables'>,
  param: string,
): Promise<Omit<RenderedTemplate, 'template'>> {
  const requested = use.locale === undefined ? undefined : localeOf(use.locale, 'locale');
  const locale = localeChain(requested, version.defaultLocale).find(
    (candidate) => version.locales[candidate]?.[channel],
  );
  if (!locale) throw new HeraldError('template_channel_missing', { param, reason: channel });
  const parts = version.locales[locale]![channel] as ChannelParts;
  return { locale, content: await renderParts(channel, parts, use.variables ?? {}) };
}

const refOf = (ref: string) => (ref.startsWith('tpl_') ? { id: ref } : { name: ref });
