import { type Kysely, sql } from 'kysely';

/**
 * Who stands behind each API key (ADR 16). `owner_user_id` is the person whose current role
 * bounds what the key can do; null is a key the operator issued (the CLI), bounded by its scope
 * alone. `created_by_key_id` records a key made by another key, whose owner it inherits, so
 * every chain ends at a person or at the operator.
 *
 * No foreign key on `owner_user_id`, on purpose: `on delete set null` would turn a deleted
 * person's keys into operator keys. A dangling id has no membership, so such a key can do nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('api_keys')
    .addColumn('owner_user_id', 'text')
    .addColumn('created_by_key_id', 'text', (c) => c.references('api_keys.id').onDelete('set null'))
    .execute();

  await sql`update api_keys set owner_user_id = created_by where created_by is not null`.execute(
    db,
  );
  // Keys that keys created before this change: their `api_key.created` event names the parent.
  await sql`
    update api_keys k set created_by_key_id = a.actor_id
    from audit_events a
    where a.action = 'api_key.created' and a.actor_type = 'api_key'
      and a.target_id = k.id and a.account_id = k.account_id
      and exists (select 1 from api_keys p where p.id = a.actor_id)`.execute(db);
  // A child inherits the owner its chain ends at (a key is always younger than its parent).
  await sql`
    with recursive chain(id, owner_user_id) as (
      select id, owner_user_id from api_keys where owner_user_id is not null
      union all
      select c.id, chain.owner_user_id
      from api_keys c join chain on c.created_by_key_id = chain.id
      where c.owner_user_id is null
    )
    update api_keys k set owner_user_id = chain.owner_user_id
    from chain where k.id = chain.id and k.owner_user_id is null`.execute(db);

  // Removing a member lists their live keys.
  await db.schema
    .createIndex('api_keys_owner_idx')
    .on('api_keys')
    .columns(['account_id', 'owner_user_id'])
    .where(sql.ref('revoked_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('api_keys_owner_idx').execute();
  await db.schema
    .alterTable('api_keys')
    .dropColumn('created_by_key_id')
    .dropColumn('owner_user_id')
    .execute();
}
