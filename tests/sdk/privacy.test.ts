import { createPublicKey, verify } from 'node:crypto';
import { eventually } from '@herald/devkit/testing';
import type { Herald } from '@herald/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';
import { rejectionOf, sdkClient } from './support.js';

const USER = '+14155550190';

/** The privacy resources of the SDK against the real API and workers (exports are built there). */
describe('SDK: retention policy, subjects, privacy requests', () => {
  let p: Platform;
  let herald: Herald;
  let auth: Record<string, string>;
  beforeAll(async () => {
    p = await startPlatform({ channels: ['sms'], callbacks: true });
    const client = await sdkClient(p.api, 'SDK privacy');
    herald = client.herald;
    auth = client.account.auth;
    const sent = await herald.messages.send({ channel: 'sms', to: USER, body: 'Kestrel-3391' });
    await waitForStatus(p, auth, sent.id, 'delivered');
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await p.close();
  });

  it('retention policy: get, update, preview, runs', async () => {
    expect(await herald.retentionPolicy.get()).toMatchObject({ content_days: 30, usage_days: 395 });
    expect(await herald.retentionPolicy.update({ content_days: 7 })).toMatchObject({
      content_days: 7,
    });
    expect(await herald.retentionPolicy.preview()).toMatchObject({ object: 'retention_preview' });
    const runs = [];
    for await (const run of herald.retentionPolicy.runs()) runs.push(run);
    expect(runs).toEqual([]);
    await herald.retentionPolicy.update({ content_days: 30 });
  });

  it('subjects: find counts what is held; export builds an archive that downloads once', async () => {
    const found = await herald.subjects.find({ identifier: USER });
    expect(found).toMatchObject({ object: 'subject', channel: 'sms', restricted: false });
    expect(found.holdings.some((h) => h.count > 0)).toBe(true);

    const started = await herald.subjects.export({ identifier: USER });
    expect(started.download_url).toBeDefined();
    const token = new URL(started.download_url!).searchParams.get('token')!;
    await eventually(async () => (await herald.subjects.getExport(started.id)).status === 'ready');
    const archive = await herald.subjects.downloadExport(started.id, token);
    expect(archive).toMatchObject({ object: 'subject_archive', identifier: USER });
    expect(JSON.stringify(archive)).toContain('Kestrel-3391');
    const again = await rejectionOf(herald.subjects.downloadExport(started.id, token));
    expect(again).toMatchObject({ code: 'token_invalid' });
  });

  it('subjects: restrict and lift; erase answers a receipt that verifies with the receipt key', async () => {
    const restriction = await herald.subjects.restrict({ identifier: USER });
    expect((await herald.subjects.find({ identifier: USER })).restricted).toBe(true);
    const refused = await rejectionOf(
      herald.messages.send({ channel: 'sms', to: USER, body: 'no' }),
    );
    expect(refused).toMatchObject({ code: 'recipient_suppressed', status: 422 });
    await herald.subjects.liftRestriction(restriction.id);
    expect((await herald.subjects.find({ identifier: USER })).restricted).toBe(false);

    const receipt = await herald.subjects.erase({ identifier: USER });
    // The same receipt, but for how far Twilio's deletion has got since (it moves on its own).
    const { provider_deletions: later, ...again } = await herald.subjects.getErasure(receipt.id);
    const { provider_deletions: first, ...signed } = receipt;
    expect(again).toEqual(signed);
    expect(later.deleted + later.pending).toBe(first.deleted + first.pending);
    const { public_key } = await herald.subjects.receiptKey();
    expect(
      verify(
        null,
        Buffer.from(receipt.signed_payload),
        createPublicKey(public_key),
        Buffer.from(receipt.signature, 'base64'),
      ),
    ).toBe(true);
  });

  it('privacy requests: every request above, newest first, across pages', async () => {
    const kinds: string[] = [];
    for await (const request of herald.privacyRequests.list({ limit: 2 })) kinds.push(request.kind);
    expect(kinds).toEqual(expect.arrayContaining(['find', 'export', 'restriction', 'erasure']));
    expect(kinds.length).toBeGreaterThan(4);
  });
});
