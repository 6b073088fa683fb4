import type { Schemas } from '@herald/openapi';
import type { Template } from './template.js';
import type { RenderedTemplate } from './template.service.js';

export function presentTemplate(template: Template): Schemas['Template'] {
  return {
    object: 'template',
    id: template.id,
    name: template.name,
    description: template.description,
    version: template.version,
    default_locale: template.defaultLocale,
    locales: template.locales,
    created_at: template.createdAt.toISOString(),
    updated_at: template.updatedAt.toISOString(),
  };
}

/** A preview: the content of its channel; a draft's has no id or version yet. */
export function presentRenderedTemplate(
  rendered: Omit<RenderedTemplate, 'template'> & { template?: Template },
): Schemas['RenderedTemplate'] {
  const { channel, ...content } = rendered.content;
  return {
    object: 'rendered_template',
    template_id: rendered.template?.id ?? null,
    version: rendered.template?.version ?? null,
    locale: rendered.locale,
    channel,
    content,
  };
}
