import { beforeAll, describe, expect, it } from 'vitest';
import type { TestAccount } from '../testing/api.harness.js';
import { useApiHarness } from '../testing/use-api-harness.js';

const ORDER_SHIPPED = {
  name: 'order-shipped',
  description: 'When an order leaves the warehouse',
  default_locale: 'en',
  locales: {
    en: {
      sms: { body: 'Hi {{ name }}, order {{ order.id }} has shipped.' },
      email: {
        subject: 'Order {{ order.id }} shipped',
        text: 'Hi {{ name }}, it is on its way.',
        html: '<p>Hi {{ name }}, <a href="{{ link | raw }}">track it</a>.</p>',
      },
    },
    pt: { sms: { body: 'Olá {{ name }}, o pedido {{ order.id }} foi enviado.' } },
    'pt-BR': { email: { subject: 'Pedido {{ order.id }} enviado', text: 'Oi {{ name }}!' } },
  },
};
const variables = { name: 'Ana <b>', order: { id: 'A-1' }, link: 'https://example.com/t?a=1&b=2' };

/**
 * Templates (issue 16): versions, locales with a fallback chain and Liquid parts per channel;
 * a send names one instead of its content, and bad input is refused naming the field, with
 * nothing written.
 */
describe('templates', () => {
  const h = useApiHarness();
  let acme: TestAccount;
  let templateId: string;
  beforeAll(async () => {
    acme = await h.newAccount('Acme');
    const res = await h.http.post('/v1/templates').set(acme.auth).send(ORDER_SHIPPED).expect(201);
    templateId = res.body.id;
  });
  const post = (path: string, body: object, who = acme) =>
    h.http.post(path).set(who.auth).send(body);
  const contentOf = async (id: string) =>
    (await h.http.get(`/v1/messages/${id}/content`).set(acme.auth).expect(200)).body;

  it('when a template is created, then it is version 1, read by id or by name, and listed', async () => {
    const byName = await h.http.get('/v1/templates/order-shipped').set(acme.auth).expect(200);
    expect(byName.body).toMatchObject({
      object: 'template',
      id: templateId,
      name: 'order-shipped',
      version: 1,
      default_locale: 'en',
      locales: ORDER_SHIPPED.locales,
    });
    const list = await h.http.get('/v1/templates').set(acme.auth).expect(200);
    expect(list.body.data.map((t: { name: string }) => t.name)).toEqual(['order-shipped']);
    // Another organisation sees none of it.
    const rival = await h.newAccount('Rival');
    await h.http.get(`/v1/templates/${templateId}`).set(rival.auth).expect(404);
    expect((await h.http.get('/v1/templates').set(rival.auth)).body.data).toEqual([]);
  });

  it('when a template is not valid, then 422 or 409 naming the field, and nothing is saved', async () => {
    const bad = async (body: object, status: number, code: string, param: string) => {
      const res = await post('/v1/templates', { ...ORDER_SHIPPED, name: 'bad', ...body });
      expect([res.status, res.body.code, res.body.param]).toEqual([status, code, param]);
    };
    await bad({ name: 'order-shipped' }, 409, 'template_name_taken', 'name');
    await bad(
      { locales: { en: { sms: { body: 'Hi {% if %}' } } } },
      422,
      'invalid_template',
      'locales.en.sms.body',
    );
    await bad(
      { locales: { en: { email: { subject: 'x', html: '{% include "/etc/passwd" %}' } } } },
      422,
      'invalid_template',
      'locales.en.email.html',
    );
    await bad(
      { locales: { en: { sms: { body: '{{ name | no_such_filter }}' } } } },
      422,
      'invalid_template',
      'locales.en.sms.body',
    );
    await bad({ default_locale: 'fr' }, 422, 'invalid_value', 'default_locale');
    await bad(
      { locales: { en: { email: { subject: 'x' } } } },
      422,
      'invalid_value',
      'locales.en.email',
    );
    await bad(
      { locales: { en_US: { sms: { body: 'x' } } } },
      422,
      'invalid_locale',
      'locales.en_US',
    );
    await bad({ name: 'Has Spaces' }, 422, 'invalid_value', 'name');
    await bad({ name: 'tpl_looks_like_an_id' }, 422, 'invalid_value', 'name');
    const list = await h.http.get('/v1/templates').set(acme.auth).expect(200);
    expect(list.body.data).toHaveLength(1);
  });

  it('when it is previewed, then the locale falls back pt-BR → pt → the default, and HTML escapes variables unless raw', async () => {
    const render = (body: object) => post(`/v1/templates/${templateId}/render`, body);
    const sms = await render({ channel: 'sms', locale: 'pt-br', variables }).expect(200);
    expect(sms.body).toEqual({
      object: 'rendered_template',
      template_id: templateId,
      version: 1,
      locale: 'pt',
      channel: 'sms',
      content: { body: 'Olá Ana <b>, o pedido A-1 foi enviado.' },
    });
    const email = await render({ channel: 'email', locale: 'pt-BR', variables }).expect(200);
    expect(email.body).toMatchObject({
      locale: 'pt-BR',
      content: { subject: 'Pedido A-1 enviado' },
    });
    const english = await render({ channel: 'email', locale: 'fr-CA', variables }).expect(200);
    expect(english.body.locale).toBe('en');
    expect(english.body.content.html).toBe(
      '<p>Hi Ana &lt;b&gt;, <a href="https://example.com/t?a=1&b=2">track it</a>.</p>',
    );
    expect(english.body.content.text).toBe('Hi Ana <b>, it is on its way.');
  });

  it('when a draft is previewed, then it renders as once saved, with the same refusals, and nothing is stored', async () => {
    const draft = { default_locale: 'en', locales: { en: { sms: { body: 'Hi {{ name }}' } } } };
    const res = await post('/v1/templates/preview', {
      channel: 'sms',
      ...draft,
      variables: { name: 'Ana' },
    }).expect(200);
    expect(res.body).toMatchObject({
      template_id: null,
      version: null,
      locale: 'en',
      content: { body: 'Hi Ana' },
    });
    const broken = await post('/v1/templates/preview', {
      channel: 'sms',
      default_locale: 'en',
      locales: { en: { sms: { body: 'Hi {{ name' } } },
    }).expect(422);
    expect(broken.body).toMatchObject({ code: 'invalid_template', param: 'locales.en.sms.body' });
    const missing = await post('/v1/templates/preview', { channel: 'sms', ...draft }).expect(422);
    expect(missing.body.param).toBe('variables.name');
    expect((await h.http.get('/v1/templates').set(acme.auth)).body.data).toHaveLength(1);
  });

  it('when a variable is missing or the channel has no part, then 422 naming it', async () => {
    const render = (body: object) => post(`/v1/templates/${templateId}/render`, body);
    const missing = await render({ channel: 'sms', variables: { name: 'Ana' } }).expect(422);
    expect(missing.body).toMatchObject({
      code: 'template_variable_missing',
      param: 'variables.order',
    });
    const push = await render({ channel: 'push', variables }).expect(422);
    expect(push.body).toMatchObject({ code: 'template_channel_missing', param: 'template_id' });
    expect(push.body.detail).toContain('push');
    await render({ channel: 'sms', version: 9, variables }).expect(404);
  });

  it('when a send names the template, then the message says what it renders to, stored like any content', async () => {
    const sent = await post('/v1/messages', {
      channel: 'sms',
      to: '+14155550100',
      template: 'order-shipped',
      locale: 'pt-BR',
      variables,
    }).expect(202);
    expect(await contentOf(sent.body.id)).toMatchObject({
      body: 'Olá Ana <b>, o pedido A-1 foi enviado.',
    });
    const email = await post('/v1/messages', {
      channel: 'email',
      to: 'ana@example.com',
      template: templateId,
      variables,
    }).expect(202);
    expect(await contentOf(email.body.id)).toMatchObject({
      subject: 'Order A-1 shipped',
      html: '<p>Hi Ana &lt;b&gt;, <a href="https://example.com/t?a=1&b=2">track it</a>.</p>',
    });
  });

  it('when a send with a template is wrong, then 4xx naming the field, and nothing is written', async () => {
    const refused = async (body: object, status: number, code: string, param: string) => {
      const before = await h.footprint();
      const res = await post('/v1/messages', { channel: 'sms', to: '+14155550100', ...body });
      expect([res.status, res.body.code, res.body.param]).toEqual([status, code, param]);
      expect(await h.footprint()).toEqual(before);
    };
    await refused(
      { template: 'order-shipped', variables: {} },
      422,
      'template_variable_missing',
      'variables.name',
    );
    await refused(
      { template: 'order-shipped', body: 'Hi', variables },
      422,
      'template_with_content',
      'body',
    );
    await refused(
      { template: 'no-such-template', variables },
      404,
      'template_not_found',
      'template',
    );
    await refused({ variables }, 422, 'missing_field', 'template');
    await refused({}, 422, 'missing_field', 'body');
    await refused(
      { template: 'order-shipped', locale: 'not a tag', variables },
      422,
      'invalid_locale',
      'locale',
    );
  });

  it('when a batch names templates, then each message is rendered on its own and a bad one is refused alone', async () => {
    const res = await post('/v1/messages/batch', {
      messages: [
        { channel: 'sms', to: '+14155550101', template: 'order-shipped', variables },
        { channel: 'sms', to: '+14155550102', template: 'order-shipped', variables: {} },
        { channel: 'sms', to: '+14155550103', body: 'plain' },
      ],
    }).expect(200);
    expect(
      res.body.data.map((item: { message?: unknown; error?: { code: string } }) =>
        item.message ? 'accepted' : item.error?.code,
      ),
    ).toEqual(['accepted', 'template_variable_missing', 'accepted']);
  });

  it('when a version is added, then sends use it, an older one can still be named, and the audit log has each change', async () => {
    const v2 = await post(`/v1/templates/${templateId}/versions`, {
      default_locale: 'en',
      locales: { en: { sms: { body: 'v2: {{ name }}' } } },
    }).expect(201);
    expect(v2.body).toMatchObject({ version: 2, description: ORDER_SHIPPED.description });
    const latest = await post('/v1/messages', {
      channel: 'sms',
      to: '+14155550100',
      template: 'order-shipped',
      variables: { name: 'Ana' },
    }).expect(202);
    expect((await contentOf(latest.body.id)).body).toBe('v2: Ana');
    const older = await post('/v1/messages', {
      channel: 'sms',
      to: '+14155550100',
      template: 'order-shipped',
      template_version: 1,
      variables,
    }).expect(202);
    expect((await contentOf(older.body.id)).body).toBe('Hi Ana <b>, order A-1 has shipped.');
    const v1 = await h.http.get(`/v1/templates/${templateId}?version=1`).set(acme.auth).expect(200);
    expect(v1.body.locales).toEqual(ORDER_SHIPPED.locales);

    await h.http.delete('/v1/templates/order-shipped').set(acme.auth).expect(204);
    await h.http.get(`/v1/templates/${templateId}`).set(acme.auth).expect(404);
    const audit = await h.t.stores.account
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('account_id', '=', acme.id)
      .where('target_type', '=', 'template')
      .orderBy('created_at')
      .execute();
    expect(audit).toEqual([
      { action: 'template.created', details: { version: 1 } },
      { action: 'template.version_added', details: { version: 2 } },
      { action: 'template.deleted', details: { version: 2 } },
    ]);
  });

  it('a send-only key may not read templates, but sends with one', async () => {
    const standard = await post('/v1/api-keys', { name: 'send', scope: 'send_only' }).expect(201);
    const auth = { Authorization: `Bearer ${standard.body.secret}` };
    await h.http.get('/v1/templates').set(auth).expect(403);
    await h.http
      .post('/v1/templates')
      .set(acme.auth)
      .send({ ...ORDER_SHIPPED, name: 'welcome' })
      .expect(201);
    await h.http
      .post('/v1/messages')
      .set(auth)
      .send({ channel: 'sms', to: '+14155550100', template: 'welcome', variables })
      .expect(202);
  });
});
