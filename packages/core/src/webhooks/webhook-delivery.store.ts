import type { RecordedDelivery } from './webhook.job.js';
import type {
  NewWebhookAttemptRow,
  NewWebhookDeliveryRow,
  WebhookUsageDb,
} from './webhook.schema.js';

/* Usage store SQL of the delivery records: what is still to send, whatever Redis remembers. */

/** Written with the relay's transaction (or a redelivery's); a re-run keeps the first row. */
export async function insertDeliveries(
  db: WebhookUsageDb,
  rows: readonly NewWebhookDeliveryRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('webhook_deliveries')
    .values([...rows])
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/**
 * The attempt's log row and the delivery's new state, in one statement (one round trip). An
 * upsert, not an update: a job may run before the relay that queued it commits, and the
 * conflict then waits for that commit instead of missing the row.
 */
export async function recordAttemptOutcome(
  db: WebhookUsageDb,
  attempt: NewWebhookAttemptRow,
  delivery: NewWebhookDeliveryRow,
): Promise<void> {
  await db
    .with('attempt', (w) => w.insertInto('webhook_attempts').values(attempt))
    .insertInto('webhook_deliveries')
    .values(delivery)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        attempts: eb.ref('excluded.attempts'),
        next_attempt_at: eb.ref('excluded.next_attempt_at'),
        finished_at: eb.ref('excluded.finished_at'),
      })),
    )
    .execute();
}

/** Nothing left to send (the target or the event went away): no attempt is logged. */
export async function finishDelivery(db: WebhookUsageDb, id: string, at: Date): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ finished_at: at })
    .where('id', '=', id)
    .where('finished_at', 'is', null)
    .execute();
}

/** Unfinished deliveries due in [`dueFrom`, `dueBefore`), soonest first, after the keyset cursor. */
export async function listPendingDeliveries(
  db: WebhookUsageDb,
  options: { dueFrom?: Date; dueBefore?: Date; after?: { at: Date; id: string }; limit: number },
): Promise<RecordedDelivery[]> {
  let query = db
    .selectFrom('webhook_deliveries')
    .select([
      'id',
      'account_id',
      'event_id',
      'endpoint_id',
      'manual',
      'attempts',
      'next_attempt_at',
    ])
    .where('finished_at', 'is', null);
  if (options.dueFrom) query = query.where('next_attempt_at', '>=', options.dueFrom);
  if (options.dueBefore) query = query.where('next_attempt_at', '<', options.dueBefore);
  const after = options.after;
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('next_attempt_at', '>', after.at),
        eb.and([eb('next_attempt_at', '=', after.at), eb('id', '>', after.id)]),
      ]),
    );
  return query
    .orderBy('next_attempt_at', 'asc')
    .orderBy('id', 'asc')
    .limit(options.limit)
    .execute();
}
