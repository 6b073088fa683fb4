import type { TestAccount } from '@herald/api/testing';
import { dumpDatabase, encodingsOf } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';

/**
 * The content store holds only ciphertext, and logs hold neither content nor a clear
 * recipient. Each needle is searched as text, as hex (how bytea is dumped) and as base64.
 */
describe('privacy at rest and in logs', () => {
  let p: Platform;
  let account: TestAccount;
  const phone = '+14155559876';
  const email = 'zelda.private@example.org';
  const token = `secret-device:APA91b${'K'.repeat(120)}`;
  const contents = [
    'Zebra-secret-8271 lands at dawn',
    'Subject Quokka-9931',
    '<p>Html Narwhal-5512</p>',
    'Text Axolotl-7743',
    'Push Title Ibex-3319',
    'Push Body Okapi-6604',
    'Data Tapir-2208',
  ];

  beforeAll(async () => {
    p = await startPlatform();
    account = await p.api.newAccount('Privacy');
    const bodies = [
      { channel: 'sms', to: phone, body: contents[0] },
      { channel: 'email', to: email, subject: contents[1], html: contents[2], text: contents[3] },
      {
        channel: 'push',
        to: token,
        title: contents[4],
        body: contents[5],
        data: { note: contents[6] },
      },
    ];
    for (const body of bodies) {
      const res = await p.api.http.post('/v1/messages').set(account.auth).send(body).expect(202);
      await waitForStatus(p, account.auth, res.body.id, 'sent');
    }
    // Reads go through the logs too.
    await p.api.http.get('/v1/messages').query({ to: phone }).set(account.auth).expect(200);
  });
  afterAll(() => p.close());

  it('a dump of the content store contains none of the content, in any encoding', async () => {
    const dump = await dumpDatabase(p.api.t.urls.content);
    // The dump is real: it holds the three ciphertext rows, keyed by message id.
    expect(dump.match(/msg_[0-9A-Z]{26}/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    for (const needle of contents.flatMap(encodingsOf)) expect(dump).not.toContain(needle);
  });

  it('the usage store holds the recipients only sealed, beside their keyed hash, and no content', async () => {
    const dump = await dumpDatabase(p.api.t.urls.usage);
    // Sealed at rest (ADR 38): found by keyed hash, never in the clear.
    for (const needle of [phone, phone.slice(1), email, token].flatMap(encodingsOf))
      expect(dump).not.toContain(needle);
    expect(dump).toContain(await p.api.built.core.hasher.hash(account.id, 'sms', phone));
    for (const needle of contents.flatMap(encodingsOf)) expect(dump).not.toContain(needle);
  });

  it('the logs of the API and the worker carry no content, no clear recipient and no key', async () => {
    const logs = [...p.api.logs, ...p.workerLogs].join('\n');
    expect(logs).toContain('message sent');
    expect(logs).toContain('sendMessage');
    const needles = [...contents, phone, phone.slice(1), email, token, account.secret];
    for (const needle of needles) expect(logs).not.toContain(needle);
  });
});
