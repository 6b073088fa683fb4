import type { TestAccount } from '@herald/api/testing';
import { systemActor } from '@herald/core';
import { dumpDatabase, encodingsOf } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEV_FROM,
  type Platform,
  startPlatform,
  waitForStatus,
} from '../support/platform.harness.js';

const USER = '+14155550177';
const HELP = 'Acme Alerts: reply STOP to end, START to resume. Help: acme.test/sms';

/**
 * End users talking back, end to end: the local Twilio server plays a phone texting one of the
 * organisation's numbers (signed like Twilio), and the API stores the message, honours STOP
 * and START, and answers HELP.
 */
describe('inbound SMS and opt-out, end to end', () => {
  let p: Platform;
  let account: TestAccount;
  beforeAll(async () => {
    p = await startPlatform({ callbacks: true });
    account = await p.api.newAccount('Inbound');
    await p.api.assignNumber(account, DEV_FROM);
    await p.api.built.deps.services.accounts.updateSettings(
      account.id,
      { helpText: HELP },
      systemActor,
    );
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await p.close();
  });

  const texts = (body: string, from = USER) =>
    p.sinks.twilio.sendInbound({ from, to: DEV_FROM, body });
  const send = (body: string) =>
    p.api.http.post('/v1/messages').set(account.auth).send({ channel: 'sms', to: USER, body });

  it('STOP → a send is refused with recipient_suppressed, nothing written, no provider call → START → it is sent', async () => {
    const stop = await texts('Stop');
    expect(stop).toMatchObject({ status: 200, replies: [] });

    const before = await p.api.footprint();
    const sinkBefore = p.sinks.twilio.received.length;
    const refused = await send('Your order shipped').expect(422);
    expect(refused.body).toMatchObject({ code: 'recipient_suppressed', param: 'to' });
    expect(await p.api.footprint()).toEqual(before);
    expect(p.sinks.twilio.received.length).toBe(sinkBefore);

    expect((await texts('START')).status).toBe(200);
    const id = (await send('Your order shipped').expect(202)).body.id;
    await waitForStatus(p, account.auth, id, 'delivered');
    expect(p.sinks.twilio.received.filter((m) => m.body === 'Your order shipped')).toEqual([
      expect.objectContaining({ to: USER, from: DEV_FROM, direction: 'outbound-api' }),
    ]);
  });

  it('HELP is answered with the account’s help text, which the local server keeps as an SMS it sent', async () => {
    const answer = await texts('help');
    expect(answer.replies).toEqual([
      expect.objectContaining({
        to: USER,
        from: DEV_FROM,
        body: HELP,
        direction: 'outbound-reply',
      }),
    ]);
    const listed = await fetch(`${p.sinks.twilio.url}/__sink/messages`);
    expect(JSON.stringify(await listed.json())).toContain(HELP);
  });

  it('an inbound message is listed as direction inbound, and its body is only ciphertext in the content store', async () => {
    const body = 'Inbound-Wombat-5521 is my reply';
    await texts(body, '+14155550178');
    const list = await p.api.http
      .get('/v1/messages')
      .query({ to: DEV_FROM })
      .set(account.auth)
      .expect(200);
    const inbound = list.body.data.find((m: { from: string }) => m.from === '+14155550178');
    expect(inbound).toMatchObject({
      direction: 'inbound',
      status: 'received',
      to: DEV_FROM,
      content_stored: true,
    });
    const content = await dumpDatabase(p.api.t.urls.content);
    expect(content).toContain(inbound.id);
    const usage = await dumpDatabase(p.api.t.urls.usage);
    for (const needle of encodingsOf('Inbound-Wombat-5521')) {
      expect(content).not.toContain(needle);
      expect(usage).not.toContain(needle);
    }
  });

  it('the suppression list holds no clear identifier: a dump of the usage store never shows one', async () => {
    const never = { sms: '+14155550199', email: 'private.person@example.org' };
    for (const [channel, identifier] of Object.entries(never))
      await p.api.http
        .post('/v1/suppressions')
        .set(account.auth)
        .send({ channel, identifier })
        .expect(201);
    await texts('STOP', '+14155550179');
    const dump = await dumpDatabase(p.api.t.urls.usage);
    for (const needle of Object.values(never).flatMap(encodingsOf))
      expect(dump).not.toContain(needle);
    const rows = await p.api.t.stores.usage.selectFrom('suppressions').selectAll().execute();
    expect(rows.map((r) => r.identifier_masked)).toEqual(
      expect.arrayContaining(['+1415•••0199', 'p•••@example.org', '+1415•••0179']),
    );
    expect(JSON.stringify(rows)).not.toContain('4155550179');
  });

  it('the logs carry no inbound body and no end user’s number', () => {
    const logs = [...p.api.logs, ...p.workerLogs].join('\n');
    for (const needle of ['Wombat', USER, USER.slice(1), '4155550178', '4155550179', HELP])
      expect(logs).not.toContain(needle);
  });
});
