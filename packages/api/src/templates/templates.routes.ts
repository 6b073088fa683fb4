import {
  actorOf,
  type ChannelName,
  presentRenderedTemplate,
  presentTemplate,
  type TemplateService,
} from '@herald/core';
import type { components } from '@herald/openapi';
import { Router } from 'express';
import { metaOf, parametersOf, principalOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';

type Schemas = components['schemas'];

/** Message templates (issue 16): versions, locales and a preview that sends nothing. */
export function templatesRoutes(deps: { kit: RouteKit; templates: TemplateService }): Router {
  const router = Router();
  const { route } = deps.kit;

  router.get('/v1/templates', ...route('listTemplates'), async (_req, res) => {
    const templates = await deps.templates.list(principalOf(res).accountId);
    res.json({ object: 'list', data: templates.map(presentTemplate) });
  });

  router.post('/v1/templates', ...route('createTemplate'), async (req, res) => {
    const body = req.body as Schemas['CreateTemplateRequest'];
    const principal = principalOf(res);
    const template = await deps.templates.create(
      principal.accountId,
      {
        name: body.name,
        description: body.description,
        defaultLocale: body.default_locale,
        locales: body.locales,
      },
      actorOf(principal, metaOf(req)),
    );
    res.status(201).json(presentTemplate(template));
  });

  router.post('/v1/templates/preview', ...route('previewTemplate'), async (req, res) => {
    const body = req.body as Schemas['PreviewTemplateRequest'];
    const rendered = await deps.templates.preview(
      body.channel as ChannelName,
      { defaultLocale: body.default_locale, locales: body.locales },
      { locale: body.locale, variables: body.variables },
    );
    res.json(presentRenderedTemplate(rendered));
  });

  router.get('/v1/templates/:template_id', ...route('getTemplate'), async (req, res) => {
    const version = parametersOf(res).query.version as number | undefined;
    const template = await deps.templates.get(
      principalOf(res).accountId,
      req.params.template_id as string,
      version,
    );
    res.json(presentTemplate(template));
  });

  router.delete('/v1/templates/:template_id', ...route('deleteTemplate'), async (req, res) => {
    const principal = principalOf(res);
    await deps.templates.delete(
      principal.accountId,
      req.params.template_id as string,
      actorOf(principal, metaOf(req)),
    );
    res.status(204).end();
  });

  router.post(
    '/v1/templates/:template_id/versions',
    ...route('createTemplateVersion'),
    async (req, res) => {
      const body = req.body as Schemas['CreateTemplateVersionRequest'];
      const principal = principalOf(res);
      const template = await deps.templates.addVersion(
        principal.accountId,
        req.params.template_id as string,
        {
          description: body.description,
          defaultLocale: body.default_locale,
          locales: body.locales,
        },
        actorOf(principal, metaOf(req)),
      );
      res.status(201).json(presentTemplate(template));
    },
  );

  router.post('/v1/templates/:template_id/render', ...route('renderTemplate'), async (req, res) => {
    const body = req.body as Schemas['RenderTemplateRequest'];
    const rendered = await deps.templates.render(
      principalOf(res).accountId,
      body.channel as ChannelName,
      {
        template: req.params.template_id as string,
        version: body.version,
        locale: body.locale,
        variables: body.variables,
      },
      'template_id',
    );
    res.json(presentRenderedTemplate(rendered));
  });

  return router;
}
