import { type Kysely, sql } from 'kysely';

/**
 * `messages` and `message_events` become tables partitioned by month of their message's id (a
 * ULID, so its order is its creation time): retention drops a month whole instead of deleting
 * its rows one by one, and a date range reads only its months (ADR 29).
 *
 * Made to run on a live store with a year of data, holding a lock that stops sends only while
 * it renames and creates tables (each migration is its own transaction, see `migrateStores`):
 * - The table as it is becomes the first partition, `…_until_YYYY_MM`, holding every id before
 *   the bound the two migrations before proved (`2026_12_07_0950`, `…0955`): its CHECK
 *   constraint lets attaching skip the scan.
 * - The partitioned tables get the old tables' own index definitions, so attaching reuses each
 *   index instead of building it again. The one unique index that cannot be kept on a table
 *   partitioned by id (an inbound message's provider id, per account) stays on the old rows and
 *   is made on each new month, without `unique`: inbound de-duplication takes a lock instead.
 * - The foreign keys from events and webhook logs to `messages` go (a key cannot point at a
 *   partitioned table without checking every row again); the code that deletes a message
 *   deletes them with it.
 * Three months after the bound are made here; the maintenance job `usage.month-partitions.v1`
 * keeps making them. A default partition catches any id outside them, so a write never fails
 * for want of one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Waiting behind a long query would queue every send behind this migration: it fails instead,
  // and the next start runs it again.
  await sql`set local lock_timeout = '10s'`.execute(db);
  const bound = await provenBound(db);
  const firstMonth = monthOf(bound);
  const until = `until_${monthName(firstMonth)}`;

  for (const fk of FOREIGN_KEYS) {
    await sql`alter table ${sql.table(fk.table)} drop constraint if exists ${sql.ref(fk.name)}`.execute(
      db,
    );
  }
  for (const table of TABLES) {
    const old = `${table.name}_${until}`;
    const indexes = await ownIndexes(db, table.name);
    await sql`alter table ${sql.table(table.name)} rename to ${sql.table(old)}`.execute(db);
    for (const index of indexes) {
      await sql`alter index ${sql.table(index.name)} rename to ${sql.table(renamed(index.name, table.name, old))}`.execute(
        db,
      );
    }
    await sql`create table ${sql.table(table.name)} (like ${sql.table(old)} including defaults)
      partition by range (${sql.ref(table.key)})`.execute(db);
    for (const index of indexes) {
      // The same definition on the parent (read before the renames), so attaching adopts the old
      // index as it is. A unique index must hold the partition key: only `messages`' key does.
      if (index.unique && !(index.primary && table.keyIsPrimary)) continue;
      await sql.raw(index.primary ? primaryKey(table) : index.definition).execute(db);
    }
    await sql`alter table ${sql.table(table.name)} attach partition ${sql.table(old)}
      for values from (minvalue) to (${sql.lit(bound)})`.execute(db);
    await sql`alter table ${sql.table(old)} drop constraint ${sql.ref(`${table.name}_until_check`)}`.execute(
      db,
    );
    await sql`create table ${sql.table(`${table.name}_default`)} partition of ${sql.table(table.name)} default`.execute(
      db,
    );
    await table.perPartition(db, `${table.name}_default`);
    let month = firstMonth;
    for (let i = 0; i < MONTHS_AHEAD; i++) {
      const next = addMonths(month, 1);
      const part = `${table.name}_${monthName(month)}`;
      await sql`create table ${sql.table(part)} partition of ${sql.table(table.name)}
        for values from (${sql.lit(monthId(month))}) to (${sql.lit(monthId(next))})`.execute(db);
      await table.perPartition(db, part);
      month = next;
    }
  }
  // The events' id sequence would go with the old table when its month is dropped.
  await sql`alter sequence message_events_id_seq owned by message_events.id`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('partitioned messages are not turned back into one table');
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const MONTHS_AHEAD = 3;

const FOREIGN_KEYS = [
  { table: 'message_events', name: 'message_events_message_id_fkey' },
  { table: 'webhook_events', name: 'webhook_events_message_id_fkey' },
  { table: 'webhook_deliveries', name: 'webhook_deliveries_message_id_fkey' },
  { table: 'webhook_attempts', name: 'webhook_attempts_message_id_fkey' },
];

type PartitionedTable = {
  name: string;
  key: string;
  /** Whether the partition key is the table's primary key (events are keyed by their message). */
  keyIsPrimary: boolean;
  /** Indexes each partition has of its own (not on the parent). */
  perPartition(db: Kysely<any>, partition: string): Promise<void>;
};

const TABLES: PartitionedTable[] = [
  {
    name: 'messages',
    key: 'id',
    keyIsPrimary: true,
    perPartition: async (db, partition) => {
      await sql`create index ${sql.ref(`${partition}_inbound_provider_idx`)} on ${sql.table(partition)}
        (account_id, provider_message_id) where direction = 'inbound'`.execute(db);
    },
  },
  { name: 'message_events', key: 'message_id', keyIsPrimary: false, perPartition: async () => {} },
];

function primaryKey(table: PartitionedTable): string {
  return `alter table ${table.name} add constraint ${table.name}_pkey primary key (${table.key})`;
}

type OwnIndex = { name: string; definition: string; primary: boolean; unique: boolean };

async function ownIndexes(db: Kysely<any>, table: string): Promise<OwnIndex[]> {
  const { rows } = await sql<OwnIndex>`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as definition,
           i.indisprimary as primary, i.indisunique as unique
      from pg_index i join pg_class c on c.oid = i.indexrelid
     where i.indrelid = ${table}::regclass
     order by c.relname`.execute(db);
  return rows;
}

/** `messages_account_id_idx` of the old table becomes `messages_until_2027_01_account_id_idx`. */
function renamed(index: string, table: string, old: string): string {
  return index.startsWith(`${table}_`)
    ? `${old}_${index.slice(table.length + 1)}`
    : `${old}_${index}`;
}

/** The bound both range checks proved: every id of the old tables is below it. */
async function provenBound(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ definition: string }>`
    select pg_get_constraintdef(oid) as definition from pg_constraint
     where conname in ('messages_until_check', 'message_events_until_check') and convalidated`.execute(
    db,
  );
  const bounds = new Set(rows.map((r) => /'([^']+)'/.exec(r.definition)?.[1]));
  if (rows.length !== 2 || bounds.size !== 1) {
    throw new Error('the range checks of messages and message_events are missing or differ');
  }
  return [...bounds][0]!;
}

/** The month a bound id starts (its ULID time). */
function monthOf(bound: string): Date {
  let ms = 0;
  for (const char of bound.slice(4, 14)) ms = ms * 32 + ALPHABET.indexOf(char);
  return new Date(ms);
}

function addMonths(month: Date, n: number): Date {
  return new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + n, 1));
}

function monthName(month: Date): string {
  return `${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The first message id that can be made in the month: `msg_` and the ULID time, zeros after. */
function monthId(month: Date): string {
  let ms = month.getTime();
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[ms % 32] + time;
    ms = Math.floor(ms / 32);
  }
  return `msg_${time}${'0'.repeat(16)}`;
}
