import { type Kysely, sql } from 'kysely';

/**
 * Seeds the usage store through SQL to `total` messages: 13 months of them across 1,000
 * accounts, one (`bigAccount`) holding half, each with three events (queued, sent, its end),
 * every id a ULID of its own creation time as Herald makes them. Only what is missing is added,
 * so one store grows from size to size. One person (`ERASURE_SUBJECT`) has exactly 100 messages
 * in the big account, for the erasure measured at each size.
 */
export const SEED_DAYS = 395;
export const ERASURE_SUBJECT = '+14155550042';
const BATCH = 250_000;

// biome-ignore lint/suspicious/noExplicitAny: the usage store, seeded outside its typed tables
type Db = Kysely<any>;

export async function seedUsage(
  db: Db,
  bigAccount: string,
  total: number,
  log: (line: string) => void,
): Promise<void> {
  await createUlidFunction(db);
  // How far the sequence got: not a count of messages, which retention runs take from and
  // accepted sends add to between sizes.
  await sql`create table if not exists bench_seeded (upto bigint not null)`.execute(db);
  const { rows } = await sql<{ upto: string }>`select upto from bench_seeded`.execute(db);
  let have = Number(rows[0]?.upto ?? 0);
  if (have === 0) {
    await seedSubject(db, bigAccount, ERASURE_SUBJECT, 0);
    await sql`insert into bench_seeded (upto) values (100)`.execute(db);
    have = 100;
  }
  while (have < total) {
    const to = Math.min(total, have + BATCH);
    const started = performance.now();
    // A quarter of a million rows and their events take longer than the stores' statement timeout.
    await db.transaction().execute(async (tx) => {
      await sql`set local statement_timeout = 0`.execute(tx);
      await seedRange(tx, bigAccount, have, to);
      await sql`update bench_seeded set upto = ${to}`.execute(tx);
    });
    log(
      `scale: seeded messages ${have.toLocaleString('en')} → ${to.toLocaleString('en')} in ${Math.round(performance.now() - started)} ms`,
    );
    have = to;
  }
  await db.transaction().execute(async (tx) => {
    await sql`set local statement_timeout = 0`.execute(tx);
    await sql`analyze messages`.execute(tx);
    await sql`analyze message_events`.execute(tx);
  });
}

/** Crockford base32 of a ms timestamp (10 characters) and 16 more from `n`: a ULID. */
async function createUlidFunction(db: Db): Promise<void> {
  const a = `'0123456789ABCDEFGHJKMNPQRSTVWXYZ'`;
  const digits = Array.from(
    { length: 10 },
    (_, i) => `substr(${a}, ((ms >> ${5 * (9 - i)}) & 31)::int + 1, 1)`,
  ).join(' || ');
  await sql
    .raw(
      `create or replace function bench_ulid(ms bigint, n bigint) returns text
       language sql immutable as $$ select ${digits} || upper(substr(md5(n::text), 1, 16)) $$`,
    )
    .execute(db);
}

/**
 * Messages `from` to `to` (their sequence numbers): even ones the big account's, odd ones spread
 * over 999 others; a day among the 395 and a moment in it from the number; mostly delivered,
 * some failed, undelivered or only sent, none queued or canceled (statuses a list may filter on
 * and find nothing).
 */
async function seedRange(db: Db, bigAccount: string, from: number, to: number): Promise<void> {
  await sql`
    with seeded as (
      select n,
             date_trunc('day', now()) - ${SEED_DAYS} * interval '1 day'
               + (n % ${SEED_DAYS}) * interval '1 day'
               + ((n * 7919) % 86400000) * interval '1 millisecond' as at,
             case when n % 2 = 0 then ${bigAccount}
                  else 'acc_seed_' || lpad((n % 999)::text, 4, '0') end as account_id,
             '+1415' || lpad(((n / 2) % 1000000)::text, 7, '0') as recipient,
             case n % 20 when 0 then 'failed' when 1 then 'undelivered' when 2 then 'sent'
                  else 'delivered' end as status
        from generate_series(${from}::bigint, ${to - 1}::bigint) n
    ), inserted as (
      insert into messages (id, account_id, channel, recipient, status, error_code, metadata,
                            content_stored, attempts, created_at, updated_at, sent_at, segments)
      select 'msg_' || bench_ulid((extract(epoch from at) * 1000)::bigint, n), account_id, 'sms',
             recipient, status,
             case status when 'failed' then 'delivery_failed' when 'undelivered' then 'recipient_unreachable' end,
             '{}', true, 1, at, at + interval '5 seconds', at + interval '1 second', 1
        from seeded
      returning id, account_id, status, error_code, created_at
    )
    insert into message_events (message_id, account_id, status, error_code, created_at, webhook_relayed_at)
    select i.id, i.account_id, e.status, e.error_code, e.at, e.at
      from inserted i
      cross join lateral (values
        ('queued', null::text, i.created_at),
        ('sent', null::text, i.created_at + interval '1 second'),
        (i.status, i.error_code, i.created_at + interval '5 seconds')
      ) as e(status, error_code, at)
     where e.status <> 'sent' or i.status <> 'sent' or e.at = i.created_at + interval '1 second'`.execute(
    db,
  );
}

/**
 * A person with 100 messages over the year, in the big account: the subject look-up's, and one
 * for each erasure measured (`salt` keeps their ids apart).
 */
export async function seedSubject(
  db: Db,
  bigAccount: string,
  identifier: string,
  salt: number,
): Promise<void> {
  await sql`
    with inserted as (
      insert into messages (id, account_id, channel, recipient, status, metadata, content_stored,
                            attempts, created_at, updated_at, sent_at, segments)
      select 'msg_' || bench_ulid((extract(epoch from at) * 1000)::bigint, -n - ${salt * 1000}),
             ${bigAccount}, 'sms', ${identifier}, 'delivered', '{}', true, 1, at, at, at, 1
        from (select n, now() - (n * 3) * interval '1 day' as at
                from generate_series(1, 100) n) s
      returning id, account_id, created_at
    )
    insert into message_events (message_id, account_id, status, created_at, webhook_relayed_at)
    select id, account_id, 'delivered', created_at, created_at from inserted`.execute(db);
}
