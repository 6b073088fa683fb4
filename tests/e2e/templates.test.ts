import type { TestAccount } from '@herald/api/testing';
import { dumpDatabase, dumpRedis, encodingsOf, eventually } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';

const TEMPLATE = {
  name: 'order-shipped',
  default_locale: 'en',
  locales: {
    en: {
      sms: { body: 'Hi {{ name }}, order {{ order.id }} shipped.' },
      email: {
        subject: 'Order {{ order.id }} shipped',
        text: 'Hi {{ name }}, it is on its way.',
        html: '<p>Hi {{ name }}, <a href="{{ link | raw }}">track it</a></p>',
      },
      push: {
        title: 'Order {{ order.id }}',
        body: 'On its way',
        data: { order: '{{ order.id }}' },
      },
    },
    pt: { sms: { body: 'Olá {{ name }}, o pedido {{ order.id }} foi enviado.' } },
  },
};

/**
 * Templates end to end (issue 16): a send names a template, Herald renders it at accept, and
 * the real provider SDKs hand what it rendered to the local Twilio, SMTP and FCM servers.
 * What it rendered is content like any other: not stored in no-store mode, and erased with
 * the person it was sent to.
 */
describe('templates, through the HTTP API to the providers', () => {
  let p: Platform;
  let account: TestAccount;
  beforeAll(async () => {
    p = await startPlatform();
    account = await p.api.newAccount('Shop');
    await p.api.http.post('/v1/templates').set(account.auth).send(TEMPLATE).expect(201);
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await p.close();
  });
  const send = (body: object) =>
    p.api.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ template: 'order-shipped', ...body })
      .expect(202);
  const variables = {
    name: 'Ana <b>',
    order: { id: 'A-17' },
    link: 'https://shop.example/t?o=A-17&x=1',
  };

  it('an SMS in pt-BR reaches Twilio in pt; an email in French reaches SMTP in the default, its HTML escaped; a push reaches FCM with its data', async () => {
    const sms = await send({ channel: 'sms', to: '+14155550140', locale: 'pt-BR', variables });
    const email = await send({ channel: 'email', to: 'ana@example.com', locale: 'fr', variables });
    const push = await send({
      channel: 'push',
      to: `shop:APA91b${'T'.repeat(100)}`,
      variables,
    });
    for (const id of [sms.body.id, email.body.id, push.body.id])
      await waitForStatus(p, account.auth, id, 'sent');
    // Each message says which template, version and locale made it.
    expect(sms.body.template).toMatchObject({ version: 1, locale: 'pt' });
    expect(email.body.template).toMatchObject({ id: sms.body.template.id, locale: 'en' });
    const read = await p.api.http.get(`/v1/messages/${push.body.id}`).set(account.auth).expect(200);
    expect(read.body.template).toEqual({ id: sms.body.template.id, version: 1, locale: 'en' });

    expect(p.sinks.twilio.received.find((m) => m.to === '+14155550140')?.body).toBe(
      'Olá Ana <b>, o pedido A-17 foi enviado.',
    );
    const mail = p.sinks.smtp.received.find((m) => m.subject === 'Order A-17 shipped');
    expect(mail?.text?.trim()).toBe('Hi Ana <b>, it is on its way.');
    expect(mail?.html).toContain(
      '<p>Hi Ana &lt;b&gt;, <a href="https://shop.example/t?o=A-17&x=1">track it</a></p>',
    );
    const received = p.sinks.fcm!.received.find((m) => m.data?.order === 'A-17');
    expect(received?.notification).toMatchObject({ title: 'Order A-17', body: 'On its way' });
  });

  it('in no-store mode, what the template rendered reaches the provider and no store, queue or log', async () => {
    const secret = 'Template-Okapi-7731';
    const res = await send({
      channel: 'sms',
      to: '+14155550141',
      content_retention: 'none',
      variables: { ...variables, name: secret },
    });
    await waitForStatus(p, account.auth, res.body.id, 'sent');
    expect(p.sinks.twilio.received.some((m) => m.body.includes(secret))).toBe(true);
    const dumps = [
      await dumpDatabase(p.api.t.urls.content),
      await dumpDatabase(p.api.t.urls.usage),
      await dumpDatabase(p.api.t.urls.account),
      await dumpRedis(p.api.redisUrl, p.api.queuePrefix),
    ].join('\n');
    for (const needle of encodingsOf(secret)) expect(dumps).not.toContain(needle);
    const logs = [...p.api.logs, ...p.workerLogs].join('\n');
    expect(logs).not.toContain(secret);
  });

  it('an erasure of the person removes what a template said to them', async () => {
    const res = await send({ channel: 'sms', to: '+14155550142', variables });
    await waitForStatus(p, account.auth, res.body.id, 'sent');
    await p.api.http.get(`/v1/messages/${res.body.id}/content`).set(account.auth).expect(200);
    await p.api.http
      .post('/v1/subjects/erasures')
      .set(account.auth)
      .send({ identifier: '+14155550142', channel: 'sms' })
      .expect(200);
    await eventually(
      async () =>
        (await p.api.http.get(`/v1/messages/${res.body.id}/content`).set(account.auth)).status !==
        200,
      { what: 'the content to be erased' },
    );
  });
});
