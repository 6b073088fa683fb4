import { type HttpClient, pathOf, type RequestOptions } from '../client.js';
import type {
  CreateTemplateParams,
  CreateTemplateVersionParams,
  PreviewTemplateParams,
  RenderedTemplate,
  RenderTemplateParams,
  Template,
  TemplateList,
} from '../types.js';

const ONE = '/v1/templates/{template_id}';

/**
 * Message templates with versions and locales, in Liquid: `herald.templates`. A send names one
 * with `template` and `variables` instead of its content.
 */
export class Templates {
  constructor(private readonly http: HttpClient) {}

  private path(idOrName: string, suffix = ''): string {
    return pathOf(ONE + suffix, { template_id: idOrName });
  }

  /**
   * Every template, at its latest version.
   *
   * @example
   * const { data } = await herald.templates.list();
   */
  list(options?: RequestOptions): Promise<TemplateList> {
    return this.http.request({ method: 'GET', path: '/v1/templates', options });
  }

  /**
   * Creates a template (version 1); every part is checked, so one that saves renders.
   *
   * @example
   * await herald.templates.create({
   *   name: 'order-shipped',
   *   default_locale: 'en',
   *   locales: {
   *     en: { sms: { body: 'Hi {{ name }}, order {{ order.id }} has shipped.' } },
   *     pt: { sms: { body: 'Olá {{ name }}, o pedido {{ order.id }} foi enviado.' } },
   *   },
   * });
   */
  create(params: CreateTemplateParams, options?: RequestOptions): Promise<Template> {
    return this.http.request({ method: 'POST', path: '/v1/templates', body: params, options });
  }

  /**
   * One template by id or name, at its latest version or the one named.
   *
   * @example
   * const template = await herald.templates.get('order-shipped', { version: 1 });
   */
  get(
    idOrName: string,
    params: { version?: number } = {},
    options?: RequestOptions,
  ): Promise<Template> {
    return this.http.request({ method: 'GET', path: this.path(idOrName), query: params, options });
  }

  /**
   * Adds a version: sends that name no version use it from now on.
   *
   * @example
   * await herald.templates.createVersion('order-shipped', {
   *   default_locale: 'en',
   *   locales: { en: { sms: { body: '{{ name }}, your order is on its way.' } } },
   * });
   */
  createVersion(
    idOrName: string,
    params: CreateTemplateVersionParams,
    options?: RequestOptions,
  ): Promise<Template> {
    return this.http.request({
      method: 'POST',
      path: this.path(idOrName, '/versions'),
      body: params,
      options,
    });
  }

  /**
   * What a send would say, without sending: the same locale fallback and the same errors.
   *
   * @example
   * const { content } = await herald.templates.render('order-shipped', {
   *   channel: 'sms',
   *   locale: 'pt-BR',
   *   variables: { name: 'Ana', order: { id: 'A-1' } },
   * });
   */
  render(
    idOrName: string,
    params: RenderTemplateParams,
    options?: RequestOptions,
  ): Promise<RenderedTemplate> {
    return this.http.request({
      method: 'POST',
      path: this.path(idOrName, '/render'),
      body: params,
      options,
    });
  }

  /**
   * What a draft would render to, before it is saved: the same checks and the same rendering.
   *
   * @example
   * const { content } = await herald.templates.preview({
   *   channel: 'sms',
   *   default_locale: 'en',
   *   locales: { en: { sms: { body: 'Hi {{ name }}' } } },
   *   variables: { name: 'Ana' },
   * });
   */
  preview(params: PreviewTemplateParams, options?: RequestOptions): Promise<RenderedTemplate> {
    return this.http.request({
      method: 'POST',
      path: '/v1/templates/preview',
      body: params,
      options,
    });
  }

  /**
   * Deletes a template and its versions; messages already sent keep their content.
   *
   * @example
   * await herald.templates.delete('order-shipped');
   */
  delete(idOrName: string, options?: RequestOptions): Promise<void> {
    return this.http.request({ method: 'DELETE', path: this.path(idOrName), options });
  }
}
