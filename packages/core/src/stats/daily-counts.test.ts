import { createTestStores, newMessageRow, type TestStores } from '@herald/devkit/testing';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMessages } from '../messages/message.store.js';
import type { Clock } from '../platform/clock.js';
import type { MessageStatus } from '../platform/stores/usage.schema.js';
import { countSettledDays, settledBefore } from './daily-counts.service.js';
import { deleteCountsBefore } from './daily-counts.store.js';
import { OverviewStatsService } from './overview-stats.service.js';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-12-07T15:00:00Z');
const clock: Clock = { now: () => NOW };

/**
 * The overview reads settled days from daily counts the worker keeps (issue 15): whatever the
 * counts hold, its answer is the one a count of the messages themselves gives.
 */
describe('the overview’s daily counts', () => {
  let t: TestStores;
  let stats: OverviewStatsService;
  beforeAll(async () => {
    t = await createTestStores();
    stats = new OverviewStatsService({ usage: t.stores.usage, clock });
    // 12 days of an account's messages, a few a day in several statuses, and another account's.
    const rows = [];
    const statuses: MessageStatus[] = ['delivered', 'delivered', 'failed', 'sent', 'undelivered'];
    for (let day = 0; day < 12; day++)
      for (const [i, status] of statuses.entries()) {
        const at = new Date(NOW.getTime() - day * DAY_MS - i * 60_000);
        for (const account of ['acc_counted', 'acc_other'])
          rows.push(
            newMessageRow({
              // Ids are ULIDs of their own creation time, as Herald makes them.
              id: `msg_${ulid(at.getTime())}`,
              account_id: account,
              channel: i === 3 ? 'email' : 'sms',
              status,
              error_code: status === 'failed' ? 'invalid_recipient' : null,
              created_at: at,
              updated_at: at,
            }),
          );
      }
    rows.push(
      newMessageRow({
        id: `msg_${ulid(NOW.getTime() - 5 * DAY_MS)}`,
        account_id: 'acc_counted',
        direction: 'inbound',
        status: 'received',
        created_at: new Date(NOW.getTime() - 5 * DAY_MS),
      }),
    );
    await insertMessages(
      t.stores.usage,
      rows.map((row) => ({ row })),
    );
  });
  afterAll(() => t.drop());

  it('when the settled days are counted, then the overview answers as the messages do, and reads them from the counts', async () => {
    const live = await stats.overview('acc_counted', 30);
    const run = await countSettledDays({ usage: t.stores.usage, clock });
    expect(run.settledBefore).toBe(settledBefore(NOW));
    expect(run.settledBefore).toBe('2026-12-05');
    expect(run.rows).toBeGreaterThan(0);
    expect(await stats.overview('acc_counted', 30)).toEqual(live);

    // The counts are what it reads for those days: a count changed by hand shows.
    await t.stores.usage
      .updateTable('message_daily_counts')
      .set({ count: 100 })
      .where('account_id', '=', 'acc_counted')
      .where('day', '=', '2026-12-01')
      .where('status', '=', 'sent')
      .execute();
    const read = await stats.overview('acc_counted', 30);
    expect(read.daily.find((d) => d.date === '2026-12-01')?.email).toBe(100);
    // And the days not settled are still counted live.
    expect(read.daily.find((d) => d.date === '2026-12-07')).toEqual(
      live.daily.find((d) => d.date === '2026-12-07'),
    );

    // The next run counts the settled week again: the hand-made count is gone.
    await countSettledDays({ usage: t.stores.usage, clock });
    expect(await stats.overview('acc_counted', 30)).toEqual(live);
  });

  it('when retention removes an account’s old messages, then their counts go too, and no other account’s', async () => {
    await countSettledDays({ usage: t.stores.usage, clock });
    const removed = await deleteCountsBefore(
      t.stores.usage,
      { only: 'acc_counted' },
      new Date(NOW.getTime() - 6 * DAY_MS),
    );
    expect(removed).toBeGreaterThan(0);
    const days = await t.stores.usage
      .selectFrom('message_daily_counts')
      .select(['account_id', 'day'])
      .execute();
    const earliest = (account: string) =>
      days
        .filter((d) => d.account_id === account)
        .map((d) => new Date(d.day).toISOString().slice(0, 10))
        .sort()[0];
    expect(earliest('acc_counted')).toBe('2026-12-01');
    expect(earliest('acc_other')).toBe('2026-11-26');
  });
});
