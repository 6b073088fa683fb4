import type { TestAccount } from '@herald/api/testing';
import { dumpDatabase, encodingsOf, eventually } from '@herald/devkit/testing';
import type { components } from '@herald/openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEV_FROM,
  type Platform,
  startPlatform,
  waitForStatus,
} from '../support/platform.harness.js';

const USER = '+14155550131';
const OTHER = '+14155550132';

/**
 * A copy of everything held about one end user: built by the worker, sealed to the download
 * link's token (Herald cannot open it without the link), downloadable once, until it expires.
 */
describe('exporting an end user’s data, end to end', () => {
  let p: Platform;
  let account: TestAccount;
  let stranger: TestAccount;
  const mine: Record<string, string> = {};
  const notMine: string[] = [];

  const sms = async (who: TestAccount, to: string, body: string, extra: object = {}) => {
    const res = await p.api.http
      .post('/v1/messages')
      .set(who.auth)
      .send({ channel: 'sms', to, body, ...extra })
      .expect(202);
    await waitForStatus(p, who.auth, res.body.id, 'delivered');
    return res.body.id as string;
  };
  const requestExport = async (identifier: string) => {
    const res = await p.api.http
      .post('/v1/subjects/exports')
      .set(account.auth)
      .send({ identifier })
      .expect(202);
    await eventually(async () => {
      const status = await p.api.http.get(`/v1/subjects/exports/${res.body.id}`).set(account.auth);
      return status.body.status === 'ready';
    });
    return { id: res.body.id as string, url: new URL(res.body.download_url) };
  };
  const download = (url: URL, token = url.searchParams.get('token')!) =>
    p.api.http.get(url.pathname).query({ token }).set(account.auth);

  beforeAll(async () => {
    p = await startPlatform({
      channels: ['sms'],
      callbacks: true,
      privacy: { expiryIntervalMs: 300 },
    });
    account = await p.api.newAccount('Exports');
    stranger = await p.api.newAccount('Someone else');
    await p.api.assignNumber(account, DEV_FROM);
    mine[
      await sms(account, USER, 'Your parcel Pelican-4411 is on its way', {
        metadata: { order: 'P-1' },
      })
    ] = 'Your parcel Pelican-4411 is on its way';
    mine[await sms(account, USER, 'Delivered: Pelican-4411')] = 'Delivered: Pelican-4411';
    await p.sinks.twilio.sendInbound({ from: USER, to: DEV_FROM, body: 'Thanks! Heron-2297' });
    notMine.push('Not for them Cormorant-5120', 'Another org Gannet-7781');
    await sms(account, OTHER, notMine[0]!);
    await sms(stranger, USER, notMine[1]!);
    await p.api.http
      .post('/v1/suppressions')
      .set(account.auth)
      .send({ channel: 'sms', identifier: USER })
      .expect(201);
  }, 60_000);
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await p.close();
  });

  it('the archive holds exactly that end user’s messages, events, content and suppression, and nothing of anyone else', async () => {
    const { id, url } = await requestExport(USER);
    const res = await download(url).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const archive = res.body as components['schemas']['SubjectArchive'];
    expect(archive).toMatchObject({
      object: 'subject_archive',
      channel: 'sms',
      identifier: USER,
      restricted: false,
      suppression: { object: 'suppression', reason: 'manual', identifier_masked: '+1415•••0131' },
    });
    const outbound = archive.messages.filter((m) => m.message.direction === 'outbound');
    expect(Object.fromEntries(outbound.map((m) => [m.message.id, m.content?.body]))).toEqual(mine);
    const inbound = archive.messages.filter((m) => m.message.direction === 'inbound');
    expect(inbound).toEqual([
      expect.objectContaining({
        message: expect.objectContaining({ from: USER, to: DEV_FROM, status: 'received' }),
        content: expect.objectContaining({ body: 'Thanks! Heron-2297' }),
      }),
    ]);
    expect(archive.messages).toHaveLength(3);
    for (const message of archive.messages) {
      expect(message.events.length).toBeGreaterThan(0);
      expect(
        message.events.every((e: { message_id: string }) => e.message_id === message.message.id),
      ).toBe(true);
    }
    expect(outbound[0]?.message.metadata).toEqual({ order: 'P-1' });
    const text = JSON.stringify(archive);
    for (const word of [OTHER, ...notMine]) expect(text).not.toContain(word);

    const status = await p.api.http.get(`/v1/subjects/exports/${id}`).set(account.auth).expect(200);
    expect(status.body.status).toBe('downloaded');
    const requests = await p.api.http.get('/v1/privacy-requests').set(account.auth).expect(200);
    expect(requests.body.data).toContainEqual(
      expect.objectContaining({ kind: 'export', status: 'completed' }),
    );
  });

  it('downloads once: the second time the link is not valid, and the archive is gone from the store', async () => {
    const { id, url } = await requestExport(USER);
    await download(url, 'W'.repeat(43)).expect(400);
    await download(url).expect(200);
    expect((await download(url).expect(400)).body.code).toBe('token_invalid');
    const row = await p.api.t.stores.content
      .selectFrom('subject_exports')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'downloaded', archive: null, subject_sealed: null });
  });

  it('until downloaded, the store holds only a sealed archive: no identifier, no content, no token', async () => {
    const { url } = await requestExport(USER);
    const dump = await dumpDatabase(p.api.t.urls.content);
    expect(dump).toMatch(/sxp_[0-9A-Z]{26}/);
    for (const needle of [
      USER,
      USER.slice(1),
      ...Object.values(mine),
      url.searchParams.get('token')!,
    ].flatMap(encodingsOf))
      expect(dump).not.toContain(needle);
  });

  it('a link past its time is refused as expired, and the expiry job wipes the archive', async () => {
    const { id, url } = await requestExport(USER);
    await p.api.t.stores.content
      .updateTable('subject_exports')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    expect((await download(url).expect(410)).body.code).toBe('token_expired');
    const status = await p.api.http.get(`/v1/subjects/exports/${id}`).set(account.auth);
    expect(status.body.status).toBe('expired');
    await eventually(async () => {
      const row = await p.api.t.stores.content
        .selectFrom('subject_exports')
        .select(['status', 'archive'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return row.status === 'expired' && row.archive === null;
    });
  });

  it('another organisation can neither see nor download the export', async () => {
    const { id, url } = await requestExport(USER);
    await p.api.http.get(`/v1/subjects/exports/${id}`).set(stranger.auth).expect(404);
    const res = await p.api.http
      .get(url.pathname)
      .query({ token: url.searchParams.get('token')! })
      .set(stranger.auth)
      .expect(404);
    expect(res.body.code).toBe('subject_export_not_found');
    await download(url).expect(200);
  });

  it('someone Herald holds nothing about gets an empty archive', async () => {
    const { url } = await requestExport('nobody@example.com');
    const res = await download(url).expect(200);
    expect(res.body).toMatchObject({
      channel: 'email',
      identifier: 'nobody@example.com',
      messages: [],
      suppression: null,
    });
  });
});
