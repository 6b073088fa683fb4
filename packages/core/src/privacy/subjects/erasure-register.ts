import { type Kysely, sql } from 'kysely';
import type { ChannelName } from '../../platform/stores/usage.schema.js';

/** One erasure, as the register keeps it: who by keyed hash, when, and the receipt. */
export type ErasureRegisterEntry = {
  erasureId: string;
  accountId: string;
  channel: ChannelName;
  identifierHash: string;
  at: Date;
};

export interface ErasureRegisterDatabase {
  erasure_register: {
    erasure_id: string;
    account_id: string;
    channel: ChannelName;
    identifier_hash: string;
    erased_at: Date;
  };
}

/**
 * The register of erasures (issue 17, item 3; ADR 35): every erasure by keyed hash, written
 * before the erasure runs, kept for good (it names nobody: the hash is an HMAC under a key only
 * Herald holds). After a database restore, `privacy replay-erasures --since` erases again
 * everyone in it since the backup was taken.
 *
 * It lives in the database `ERASURE_REGISTER_URL` names, the account store when unset. A
 * restore of the account store rolls the register back with it, so in production point it at a
 * database that is backed up apart and never restored with the stores. Its one table is made
 * here, where it is first used, not by the stores' migrations: it may live in none of them.
 */
export class ErasureRegister {
  #ready: Promise<void> | undefined;

  constructor(private readonly db: Kysely<ErasureRegisterDatabase>) {}

  async record(entry: ErasureRegisterEntry): Promise<void> {
    await this.ready();
    await this.db
      .insertInto('erasure_register')
      .values({
        erasure_id: entry.erasureId,
        account_id: entry.accountId,
        channel: entry.channel,
        identifier_hash: entry.identifierHash,
        erased_at: entry.at,
      })
      .execute();
  }

  /** Every erasure from `at` on, oldest first. */
  async since(at: Date): Promise<ErasureRegisterEntry[]> {
    await this.ready();
    const rows = await this.db
      .selectFrom('erasure_register')
      .selectAll()
      .where('erased_at', '>=', at)
      .orderBy('erased_at')
      .orderBy('erasure_id')
      .execute();
    return rows.map((row) => ({
      erasureId: row.erasure_id,
      accountId: row.account_id,
      channel: row.channel,
      identifierHash: row.identifier_hash,
      at: row.erased_at,
    }));
  }

  /** Made once per process; a failure is tried again on the next call. */
  private ready(): Promise<void> {
    this.#ready ??= createRegisterTable(this.db).catch((error) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }
}

async function createRegisterTable(db: Kysely<ErasureRegisterDatabase>): Promise<void> {
  try {
    await createTableAndIndex(db);
  } catch (error) {
    // Two processes making it at once: `if not exists` still races in the catalogue.
    const code = (error as { code?: string }).code;
    if (code !== '23505' && code !== '42P07') throw error;
  }
}

async function createTableAndIndex(db: Kysely<ErasureRegisterDatabase>): Promise<void> {
  await db.schema
    .createTable('erasure_register')
    .ifNotExists()
    .addColumn('erasure_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('identifier_hash', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index if not exists erasure_register_erased_at on erasure_register (erased_at)`.execute(
    db,
  );
}
