import { type Kysely, sql, type Transaction } from 'kysely';
import { newId } from '../platform/ids.js';
import type {
  ChannelName,
  PreferenceSource,
  UsageDatabase,
} from '../platform/stores/usage.schema.js';

type Db = Kysely<UsageDatabase> | Transaction<UsageDatabase>;

/** One end user of one account on one channel, by keyed hash (as the suppression list keys them). */
export type PreferenceKey = { accountId: string; channel: ChannelName; hash: string };

/** The scope of an answer about all marketing; a topic's is `topic:<key>`. */
export const MARKETING_SCOPE = 'marketing';
export const topicScope = (key: string) => `topic:${key}`;
/** The topic of a scope, or null for all marketing. */
export const topicOfScope = (scope: string) =>
  scope.startsWith('topic:') ? scope.slice('topic:'.length) : null;

const ofKey = (key: PreferenceKey) =>
  ({
    account_id: key.accountId,
    channel: key.channel,
    identifier_hash: key.hash,
  }) as const;

export function listPreferenceStates(db: Db, key: PreferenceKey) {
  return db
    .selectFrom('preferences')
    .select(['scope', 'subscribed', 'updated_at'])
    .where('account_id', '=', key.accountId)
    .where('channel', '=', key.channel)
    .where('identifier_hash', '=', key.hash)
    .execute();
}

/** The latest `limit` changes, newest first. */
export function listPreferenceChanges(db: Db, key: PreferenceKey, limit = 100) {
  return db
    .selectFrom('preference_changes')
    .select(['scope', 'subscribed', 'source', 'recorded_at'])
    .where('account_id', '=', key.accountId)
    .where('channel', '=', key.channel)
    .where('identifier_hash', '=', key.hash)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The first of `scopes` the end user opted out of, or undefined: one indexed look-up. */
export async function optedOutScope(
  db: Db,
  key: PreferenceKey,
  scopes: readonly string[],
): Promise<string | undefined> {
  const row = await db
    .selectFrom('preferences')
    .select('scope')
    .where('account_id', '=', key.accountId)
    .where('channel', '=', key.channel)
    .where('identifier_hash', '=', key.hash)
    .where('scope', 'in', [...scopes])
    .where('subscribed', '=', false)
    .orderBy('scope', 'desc') // `topic:…` before `marketing`: the narrower reason first
    .executeTakeFirst();
  return row?.scope;
}

/**
 * Records answers: each goes into the history with how it was given, and becomes the scope's
 * current answer. Run in the caller's transaction, beside its webhook event.
 */
export async function recordPreferenceChanges(
  tx: Transaction<UsageDatabase>,
  key: PreferenceKey,
  changes: ReadonlyArray<{ scope: string; subscribed: boolean }>,
  how: { source: PreferenceSource; actorId: string | null; at: Date },
): Promise<void> {
  if (changes.length === 0) return;
  await tx
    .insertInto('preference_changes')
    .values(
      changes.map((change) => ({
        id: newId('pch'),
        ...ofKey(key),
        scope: change.scope,
        subscribed: change.subscribed,
        source: how.source,
        actor_id: how.actorId,
        recorded_at: how.at,
      })),
    )
    .execute();
  await tx
    .insertInto('preferences')
    .values(
      changes.map((change) => ({
        ...ofKey(key),
        scope: change.scope,
        subscribed: change.subscribed,
        updated_at: how.at,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['account_id', 'channel', 'identifier_hash', 'scope']).doUpdateSet({
        subscribed: sql`excluded.subscribed`,
        updated_at: sql`excluded.updated_at`,
      }),
    )
    .execute();
}

/** What a subject look-up counts: current answers and their history. */
export async function countPreferenceRows(db: Db, key: PreferenceKey): Promise<number> {
  const [states, changes] = await Promise.all([
    listPreferenceStates(db, key),
    db
      .selectFrom('preference_changes')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('account_id', '=', key.accountId)
      .where('channel', '=', key.channel)
      .where('identifier_hash', '=', key.hash)
      .executeTakeFirstOrThrow(),
  ]);
  return states.length + Number(changes.n);
}

/**
 * An erasure: the history goes, and every answer but an opt-out, which stays (by keyed hash
 * only) so the erased person is not sent marketing again, as their suppression stays.
 */
export async function erasePreferences(
  tx: Transaction<UsageDatabase>,
  key: PreferenceKey,
): Promise<number> {
  const changes = await tx
    .deleteFrom('preference_changes')
    .where('account_id', '=', key.accountId)
    .where('channel', '=', key.channel)
    .where('identifier_hash', '=', key.hash)
    .executeTakeFirst();
  const states = await tx
    .deleteFrom('preferences')
    .where('account_id', '=', key.accountId)
    .where('channel', '=', key.channel)
    .where('identifier_hash', '=', key.hash)
    .where('subscribed', '=', true)
    .executeTakeFirst();
  return Number(changes.numDeletedRows) + Number(states.numDeletedRows);
}
