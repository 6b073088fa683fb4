import { createContentRetentionProcessor } from '@herald/core';
import { captureLogger } from '@herald/devkit/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiHarness,
  OPERATOR_TOKEN,
  startApiHarness,
  type TestAccount,
} from '../testing/api.harness.js';

const RECIPIENT = '+14155550123';
const BODY = 'cleanup-secret-body-5531';

/**
 * A single send writes its content, then its message row; a recipient suppressed by the time
 * the row is written refuses the send, and the content is removed again. Here the content store
 * refuses that removal (a trigger, in this test's own database): the send is still answered,
 * the failure is logged and counted, and the ciphertext left behind is an orphan the content
 * retention job removes.
 */
describe('the clean-up of a refused send', () => {
  let h: ApiHarness;
  let account: TestAccount;
  beforeAll(async () => {
    h = await startApiHarness();
    account = await h.newAccount();
    await h.built.deps.services.suppressions.add(account.id, 'sms', RECIPIENT);
  });
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await h.close();
  });

  const contents = () =>
    h.t.stores.content
      .selectFrom('message_contents')
      .select('message_id')
      .where('account_id', '=', account.id)
      .execute();

  it('when the content store refuses it, then the send still gets its 422, and the failure is logged by id and counted', async () => {
    await sql`create function refuse_content_delete() returns trigger language plpgsql as $$
      begin raise exception 'this content store refuses deletes'; end $$`.execute(
      h.t.stores.content,
    );
    await sql`create trigger refuse_content_delete before delete on message_contents
      for each row execute function refuse_content_delete()`.execute(h.t.stores.content);

    const res = await h.http
      .post('/v1/messages')
      .set(account.auth)
      .send({ channel: 'sms', to: RECIPIENT, body: BODY })
      .expect(422);
    expect(res.body.code).toBe('recipient_suppressed');

    const [orphan] = await contents();
    expect(orphan).toBeDefined();
    const line = h.logs.find((l) => l.includes('"step":"content_cleanup"'));
    expect(JSON.parse(line!)).toMatchObject({
      level: 40,
      msg: 'best-effort step failed',
      accountId: account.id,
      messageId: orphan!.message_id,
      error: { code: 'P0001' },
    });
    for (const secret of [RECIPIENT, '4155550123', BODY, 'refuses deletes'])
      expect(line).not.toContain(secret);

    const metrics = await h.http
      .get('/metrics')
      .set({ Authorization: `Bearer ${OPERATOR_TOKEN}` })
      .expect(200);
    expect(metrics.text).toMatch(
      /herald_best_effort_failures_total\{[^}]*step="content_cleanup"[^}]*\} 1\n/,
    );
  });

  it('then the content retention job removes the ciphertext left behind once it is past the grace', async () => {
    await sql`drop trigger refuse_content_delete on message_contents`.execute(h.t.stores.content);
    const messages = await h.t.stores.usage
      .selectFrom('messages')
      .select('id')
      .where('account_id', '=', account.id)
      .execute();
    expect(messages).toEqual([]);

    const twoHoursOn = new Date(Date.now() + 2 * 3_600_000);
    const report = await createContentRetentionProcessor({
      ...h.t.stores,
      clock: { now: () => twoHoursOn },
      logger: captureLogger().logger,
    })();
    expect(report.orphans.rows).toBe(1);
    expect(await contents()).toEqual([]);
  });
});
