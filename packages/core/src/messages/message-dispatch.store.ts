import { type Kysely, sql, type Transaction } from 'kysely';
import { prepared } from '../platform/stores/prepared-statements.js';
import type { MessageRow, MessageStatus, UsageDatabase } from '../platform/stores/usage.schema.js';
import { claimableStatuses, statusesBefore } from './message-status.js';

/**
 * What the worker writes as it dispatches a message: its claim, `sent`, every later status, and
 * a fallback step skipped because its chain was delivered. Each is one statement.
 */

type Db = Kysely<UsageDatabase> | Transaction<UsageDatabase>;

/** `status in (…)` for a list the status module keeps, as literals: one plan for every call. */
function statusIn(column: string, statuses: readonly MessageStatus[]) {
  return sql`${sql.ref(column)} in (${sql.join(statuses.map((status) => sql.lit(status)))})`;
}

/** What a claim found: the message now `sending`, or why there is nothing to send. */
export type ClaimAttempt =
  | { outcome: 'claimed'; row: MessageRow }
  /** Past its validity period: it ended `failed` (`validity_expired`) in the claim itself. */
  | { outcome: 'expired'; row: MessageRow }
  /** Already handed to a provider, or ended: a duplicate job. */
  | { outcome: 'finished' }
  | { outcome: 'gone' };

/** Why a message past its validity period ended without reaching a provider. */
const EXPIRED = {
  code: 'validity_expired',
  message: 'The message waited longer than its validity period.',
} as const;

/**
 * The worker's claim in one statement (one round trip), saying what happened: the row locked,
 * then either moved to `sending` with one more attempt (and a `sending` event unless it was
 * sending already: a retry), or, past its validity period, ended `failed` with its event, or
 * left alone because it is finished or gone. `sending` is claimed again on purpose: it is
 * the retry of a failed attempt, or the job of a worker that died (BullMQ's lock keeps two
 * workers from holding one job at once).
 */
export async function claimMessage(db: Db, id: string, now: Date): Promise<ClaimAttempt> {
  return (await claimMessages(db, [id], now)).get(id)!;
}

/**
 * `claimMessage` for the jobs running at once, in one statement (one round trip for them all;
 * see `coalesce`). Rows are locked in id order, so two workers' batches never deadlock.
 */
export async function claimMessages(
  db: Db,
  ids: readonly string[],
  now: Date,
): Promise<Map<string, ClaimAttempt>> {
  const { rows } = await sql<
    MessageRow & { requested_id: string; outcome: ClaimAttempt['outcome'] }
  >`${prepared()}
    with prev as (
      select id, status as previous_status from messages
       where id = any(${[...ids]}::text[]) order by id for update
    ), claimed as (
      update messages m
         set status = 'sending', attempts = m.attempts + 1, updated_at = now()
        from prev
       where m.id = prev.id
         and ${statusIn('prev.previous_status', claimableStatuses)}
         and (m.expires_at is null or m.expires_at > ${now})
      returning m.*
    ), expired as (
      update messages m
         set status = 'failed', error_code = ${EXPIRED.code}, error_message = ${EXPIRED.message},
             updated_at = now()
        from prev
       where m.id = prev.id
         and ${statusIn('prev.previous_status', claimableStatuses)}
         and m.expires_at <= ${now}
      returning m.*
    ), event as (
      insert into message_events (message_id, account_id, status, error_code)
      select c.id, c.account_id, c.status, c.error_code from claimed c join prev on prev.id = c.id
       where ${statusIn('prev.previous_status', statusesBefore('sending'))}
      union all
      select e.id, e.account_id, e.status, e.error_code from expired e
    ), changed as (
      select *, 'claimed' as kind from claimed
      union all
      select *, 'expired' as kind from expired
    )
    select requested.id as requested_id,
           case when r.kind is not null then r.kind
                when prev.id is not null then 'finished'
                else 'gone' end as outcome,
           r.*
      from unnest(${[...ids]}::text[]) as requested(id)
      left join prev on prev.id = requested.id
      left join changed r on r.id = requested.id`.execute(db);
  return new Map(
    rows.map(({ requested_id, outcome, ...row }) => {
      const { kind: _kind, ...message } = row as MessageRow & { kind?: string };
      const attempt: ClaimAttempt =
        outcome === 'claimed' || outcome === 'expired'
          ? { outcome, row: message as MessageRow }
          : { outcome };
      return [requested_id, attempt];
    }),
  );
}

/**
 * The provider took the message, in one statement: its id, name and sender recorded, and the
 * status moved to `sent` (with its event) only if `sent` may follow the status it has, so a
 * delivery receipt that overtook the worker is not undone.
 */
export async function recordSent(
  db: Db,
  id: string,
  identity: SentIdentity,
  now: Date,
): Promise<void> {
  await recordSentMany(db, [{ id, ...identity }], now);
}

/** What the provider said of a message it took. */
export type SentIdentity = { provider: string; providerMessageId: string; sender: string | null };

/** `recordSent` for the jobs finishing at once, in one statement (see `coalesce`). */
export async function recordSentMany(
  db: Db,
  sent: ReadonlyArray<SentIdentity & { id: string }>,
  now: Date,
): Promise<void> {
  await sql`${prepared()}
    with input as (
      select * from unnest(
        ${sent.map((s) => s.id)}::text[],
        ${sent.map((s) => s.provider)}::text[],
        ${sent.map((s) => s.providerMessageId)}::text[],
        ${sent.map((s) => s.sender)}::text[]
      ) as i(id, provider, provider_message_id, sender)
    ), prev as (
      select m.id, m.status as previous_status from messages m join input using (id)
       order by m.id for update of m
    ), updated as (
      update messages m
         set status = case when ${statusIn('prev.previous_status', statusesBefore('sent'))}
                           then 'sent' else m.status end,
             provider = input.provider,
             provider_message_id = input.provider_message_id,
             sender = coalesce(input.sender, m.sender),
             sent_at = coalesce(m.sent_at, ${now}::timestamptz),
             updated_at = now()
        from prev join input using (id)
       where m.id = prev.id
      returning m.id, m.account_id, m.status, m.error_code, prev.previous_status
    )
    insert into message_events (message_id, account_id, status, error_code)
    select id, account_id, status, error_code from updated where status <> previous_status`.execute(
    db,
  );
}

/** A status change and what it writes beside the status; a null field keeps what the row has. */
export type StatusChange = {
  status: MessageStatus;
  errorCode?: string | null;
  errorMessage?: string | null;
  provider?: string | null;
  providerErrorCode?: string | null;
};

/**
 * A forward-only status change in one statement, as `recordSent`: the row locked, and moved
 * (with its fields and its event) only if the new status may follow the one it has; otherwise
 * nothing is written. Returns the row as it ends and whether it moved; undefined when there is
 * no such message.
 */
export async function advanceStatus(
  db: Db,
  id: string,
  change: StatusChange,
): Promise<{ row: MessageRow; moved: boolean } | undefined> {
  const { rows } = await sql<MessageRow & { moved: boolean }>`
    with prev as (
      select * from messages where id = ${id} for update
    ), changed as (
      update messages m
         set status = ${change.status},
             error_code = coalesce(${change.errorCode ?? null}::text, m.error_code),
             error_message = coalesce(${change.errorMessage ?? null}::text, m.error_message),
             provider = coalesce(${change.provider ?? null}::text, m.provider),
             provider_error_code =
               coalesce(${change.providerErrorCode ?? null}::text, m.provider_error_code),
             updated_at = now()
        from prev
       where m.id = prev.id
         and ${statusIn('prev.status', statusesBefore(change.status))}
      returning m.*
    ), event as (
      insert into message_events (message_id, account_id, status, error_code)
      select id, account_id, status, error_code from changed
    )
    select true as moved, changed.* from changed
    union all
    select false, prev.* from prev where not exists (select 1 from changed)`.execute(db);
  if (!rows[0]) return undefined;
  const { moved, ...row } = rows[0];
  return { row, moved };
}

/** Why a fallback step ended without being sent. */
const NOT_NEEDED = 'An earlier message of its fallback chain was delivered, so it was not sent.';

/**
 * A fallback step that an earlier step of its chain made unnecessary (that step `delivered`),
 * moved from `scheduled` or `queued` to `canceled` with its event, in one statement. True when
 * it was; a step already taken, or whose chain has no delivered step, is left alone.
 */
export async function cancelIfChainDelivered(db: Db, id: string): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    with canceled as (
      update messages m
         set status = 'canceled', error_message = ${NOT_NEEDED}, updated_at = now()
       where m.id = ${id}
         and m.chain_id is not null
         and m.status in ('scheduled', 'queued')
         and exists (
           select 1 from messages d
            where d.chain_id = m.chain_id and d.account_id = m.account_id
              and d.chain_step < m.chain_step and d.status = 'delivered')
      returning m.id, m.account_id
    ), event as (
      insert into message_events (message_id, account_id, status, error_code)
      select c.id, c.account_id, 'canceled', null from canceled c
    )
    select id from canceled`.execute(db);
  return rows.length > 0;
}

/**
 * A step of a chain was delivered: the steps after it that have not gone yet are not needed,
 * and end `canceled` now, with their events (their jobs then find nothing to send). Answers
 * their ids.
 */
export async function cancelStepsAfter(
  db: Db,
  delivered: { accountId: string; chainId: string; step: number },
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    with canceled as (
      update messages m
         set status = 'canceled', error_message = ${NOT_NEEDED}, updated_at = now()
       where m.chain_id = ${delivered.chainId}
         and m.account_id = ${delivered.accountId}
         and m.chain_step > ${delivered.step}
         and m.status in ('scheduled', 'queued')
      returning m.id, m.account_id
    ), event as (
      insert into message_events (message_id, account_id, status, error_code)
      select c.id, c.account_id, 'canceled', null from canceled c
    )
    select id from canceled`.execute(db);
  return rows.map((row) => row.id);
}
