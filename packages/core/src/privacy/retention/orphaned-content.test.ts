import {
  accountServiceFor,
  captureLogger,
  createTestStores,
  newMessageRow,
  type TestStores,
} from '@herald/devkit/testing';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog, systemActor } from '../../audit/audit-log.js';
import { insertMessage } from '../../messages/message.store.js';
import { newId } from '../../platform/ids.js';
import type { MessageStatus } from '../../platform/stores/usage.schema.js';
import {
  type ContentRetentionReport,
  createContentRetentionProcessor,
} from './content-retention.js';
import { RetentionService } from './retention.service.js';

/**
 * The orphan sweep of `retention.content` over real stores: ciphertext whose message does not
 * exist goes once it is older than the hour a send may take to write its message row; nothing
 * else does. Ages are set in the database, so "two hours ago" is PostgreSQL's own clock.
 */
describe('retention.content: orphaned ciphertext', () => {
  let t: TestStores;
  let open: string;
  let held: string;
  const rows: Record<string, string> = {};
  /** Ten rows written by one statement, so they share one microsecond timestamp. */
  const tied: { orphans: string[]; kept: string[] } = { orphans: [], kept: [] };
  let report: ContentRetentionReport;
  const { logger, lines } = captureLogger('herald-worker');

  const HOURS_AGO = (hours: number) => sql<Date>`now() - make_interval(hours => ${hours})`;
  const content = async (accountId: string, messageIds: string[], createdAt: RawBuilder<Date>) => {
    await t.stores.content
      .insertInto('message_contents')
      .values(
        messageIds.map((id) => ({
          message_id: id,
          account_id: accountId,
          ciphertext: Buffer.from('sealed elsewhere'),
          created_at: createdAt,
        })),
      )
      .execute();
  };
  const message = async (accountId: string, status: MessageStatus = 'delivered') => {
    const row = newMessageRow({ account_id: accountId, status });
    await insertMessage(t.stores.usage, row);
    return row.id;
  };
  const remaining = async () =>
    (await t.stores.content.selectFrom('message_contents').select('message_id').execute()).map(
      (r) => r.message_id,
    );

  beforeAll(async () => {
    t = await createTestStores();
    const accounts = accountServiceFor(t.stores.account);
    open = (await accounts.createAccount('Open')).id;
    held = (await accounts.createAccount('Held')).id;
    const clock = { now: () => new Date() };
    const retention = new RetentionService({
      ...t.stores,
      audit: new AuditLog({ account: t.stores.account }),
      clock,
    });
    await retention.setLegalHold(held, { on: true, reason: 'Litigation' }, systemActor);

    rows.oldOrphan = newId('msg');
    await content(open, [rows.oldOrphan], HOURS_AGO(2));
    rows.youngOrphan = newId('msg');
    await content(open, [rows.youngOrphan], sql<Date>`now() - interval '10 minutes'`);
    rows.delivered = await message(open);
    await content(open, [rows.delivered], HOURS_AGO(2));
    rows.scheduled = await message(open, 'scheduled');
    await content(open, [rows.scheduled], HOURS_AGO(3));
    rows.heldOrphan = newId('msg');
    await content(held, [rows.heldOrphan], HOURS_AGO(2));
    for (let i = 0; i < 10; i++) {
      if (i % 3 === 0) tied.kept.push(await message(open));
      else tied.orphans.push(newId('msg'));
    }
    await content(open, [...tied.orphans, ...tied.kept], HOURS_AGO(4));

    // Pages of two rows: the walk crosses pages, and pages inside one timestamp.
    report = await createContentRetentionProcessor({ ...t.stores, clock, logger, batchSize: 2 })();
  });
  afterAll(() => t.drop());

  it('when content older than the grace has no message, then the content job removes it and reports it', async () => {
    const left = await remaining();
    expect(left).not.toContain(rows.oldOrphan);
    expect(report.orphans.rows).toBe(1 + tied.orphans.length);
    expect(report.orphans.accounts).toEqual([open]);
    const line = lines.find((l) => l.includes('orphaned content removed'));
    expect(JSON.parse(line!)).toMatchObject({ level: 40, orphans: report.orphans.rows });
  });

  it('when an orphan is younger than the grace (its send may still be writing its row), then it is kept', async () => {
    expect(await remaining()).toContain(rows.youngOrphan);
  });

  it('when the message exists, whatever its status, then its content is kept', async () => {
    const left = await remaining();
    expect(left).toEqual(expect.arrayContaining([rows.delivered, rows.scheduled, ...tied.kept]));
  });

  it('when the account is under a legal hold, then its orphan is kept', async () => {
    expect(await remaining()).toContain(rows.heldOrphan);
  });

  it('when many rows share one timestamp, then the walk goes through all of them, page by page', async () => {
    const left = await remaining();
    for (const id of tied.orphans) expect(left).not.toContain(id);
    expect(left.sort()).toEqual(
      [rows.youngOrphan, rows.delivered, rows.scheduled, rows.heldOrphan, ...tied.kept].sort(),
    );
  });
});
