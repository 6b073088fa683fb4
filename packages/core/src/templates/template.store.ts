import { type Kysely, sql, type Transaction } from 'kysely';
import type { AccountDatabase } from '../platform/stores/account.schema.js';
import type { LocaleParts, Template } from './template.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;

/** A template's row joined with one of its versions. */
const templateColumns = [
  't.id',
  't.account_id',
  't.name',
  't.description',
  'v.version',
  'v.default_locale',
  'v.locales',
  't.created_at',
  'v.created_at as updated_at',
] as const;

/** A template with one of its versions (the latest unless `version` says). */
export async function findTemplate(
  db: Db,
  accountId: string,
  ref: { id: string } | { name: string },
  version?: number,
): Promise<Template | undefined> {
  const row = await db
    .selectFrom('templates as t')
    .innerJoin('template_versions as v', (join) =>
      join
        .onRef('v.template_id', '=', 't.id')
        .on('v.version', '=', version === undefined ? sql.ref('t.version') : sql.lit(version)),
    )
    .select(templateColumns)
    .where('t.account_id', '=', accountId)
    .where('id' in ref ? 't.id' : 't.name', '=', 'id' in ref ? ref.id : ref.name)
    .executeTakeFirst();
  return row && toTemplate(row);
}

/** The organisation's templates at their latest versions, by name. */
export async function listTemplates(db: Db, accountId: string): Promise<Template[]> {
  const rows = await db
    .selectFrom('templates as t')
    .innerJoin('template_versions as v', (join) =>
      join.onRef('v.template_id', '=', 't.id').onRef('v.version', '=', 't.version'),
    )
    .select(templateColumns)
    .where('t.account_id', '=', accountId)
    .orderBy('t.name')
    .execute();
  return rows.map(toTemplate);
}

export async function insertTemplate(
  db: Db,
  row: { id: string; accountId: string; name: string; description: string | null },
): Promise<boolean> {
  const inserted = await db
    .insertInto('templates')
    .values({
      id: row.id,
      account_id: row.accountId,
      name: row.name,
      description: row.description,
    })
    .onConflict((oc) => oc.columns(['account_id', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Moves the template on to its next version; undefined when it is not the account's. */
export async function nextVersion(
  db: Db,
  accountId: string,
  id: string,
  description: string | null | undefined,
): Promise<number | undefined> {
  const row = await db
    .updateTable('templates')
    .set((eb) => ({
      version: eb('version', '+', 1),
      ...(description !== undefined && { description }),
    }))
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirst();
  return row?.version;
}

export async function insertTemplateVersion(
  db: Db,
  row: {
    templateId: string;
    version: number;
    defaultLocale: string;
    locales: Record<string, LocaleParts>;
  },
): Promise<void> {
  await db
    .insertInto('template_versions')
    .values({
      template_id: row.templateId,
      version: row.version,
      default_locale: row.defaultLocale,
      locales: JSON.stringify(row.locales),
    })
    .execute();
}

export async function deleteTemplate(db: Db, accountId: string, id: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('templates')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

function toTemplate(row: {
  id: string;
  account_id: string;
  name: string;
  description: string | null;
  version: number;
  default_locale: string;
  locales: Record<string, LocaleParts>;
  created_at: Date;
  updated_at: Date;
}): Template {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    description: row.description,
    version: row.version,
    defaultLocale: row.default_locale,
    locales: row.locales,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
