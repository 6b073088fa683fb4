import {
  type SessionClient,
  startApiHarness,
  validEmail,
  validPush,
  validSms,
} from '@herald/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';

describe('the development inbox', () => {
  let platform: Platform;
  let owner: SessionClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startPlatform({ devInbox: true });
    owner = await platform.api.signUp();
    for (const body of [validSms, validEmail, validPush]) {
      const res = await owner.send('post', '/v1/messages').send(body).expect(202);
      ids[body.channel] = res.body.id;
    }
    const auth = { Cookie: owner.cookie };
    for (const id of Object.values(ids)) await waitForStatus(platform, auth, id, 'sent');
  });
  afterAll(async () => {
    expect(platform.api.violations).toEqual([]);
    await platform.close();
  });

  it('when messages went to the local servers, then the inbox shows each, matched to its message', async () => {
    const res = await owner.send('get', '/v1/dev/inbox').expect(200);
    const byChannel = Object.fromEntries(
      res.body.data.map((i: { channel: string }) => [i.channel, i]),
    );
    expect(byChannel.sms).toMatchObject({
      message_id: ids.sms,
      to: validSms.to,
      body: validSms.body,
    });
    expect(byChannel.email).toMatchObject({
      message_id: ids.email,
      to: validEmail.to,
      subject: validEmail.subject,
      html: expect.stringContaining('Hello Ada'),
    });
    expect(byChannel.push).toMatchObject({
      message_id: ids.push,
      title: 'Hi',
      data: { kind: 'mail' },
    });
  });

  it('when filtered by channel, then only that channel; another organisation sees none of it', async () => {
    const sms = await owner.send('get', '/v1/dev/inbox?channel=sms').expect(200);
    expect(sms.body.data.map((i: { channel: string }) => i.channel)).toEqual(['sms']);
    const stranger = await platform.api.signUp();
    const theirs = await stranger.send('get', '/v1/dev/inbox').expect(200);
    expect(theirs.body.data).toEqual([]);
  });

  it('when Herald has no local servers, then 404 dev_inbox_disabled', async () => {
    // The API harness alone has no source, like production.
    const bare = await startApiHarness();
    try {
      const user = await bare.signUp();
      const res = await user.send('get', '/v1/dev/inbox').expect(404);
      expect(res.body.code).toBe('dev_inbox_disabled');
    } finally {
      await bare.close();
    }
  });
});
