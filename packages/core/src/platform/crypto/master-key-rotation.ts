import { dkimKeyAad } from '../../senders/dkim-key.js';
import { webhookAccountDb } from '../../webhooks/webhook.schema.js';
import { endpointSecretAad, signingSecretAad } from '../../webhooks/webhook-signing.js';
import type { Stores } from '../stores/stores.js';
import { open, seal } from './aead.js';
import type { MasterKey } from './master-key.js';

export type RotationReport = {
  dataKeys: number;
  heraldKeys: number;
  webhookSecrets: number;
  signingSecrets: number;
  /** Sending domains' DKIM private keys. */
  dkimKeys: number;
};

/**
 * Re-wraps everything the master key protects under a new one: each account's data key (content
 * store), Herald's own keys (usage store), and the webhook signing secrets and sending domains'
 * DKIM keys (account store). The
 * content itself is not touched: its data keys do not change, only their wrapping.
 *
 * Resumable: a value already under the new key is skipped, so a run cut short can simply be run
 * again. Run it with the API and worker stopped (they hold the old key), then start them with the
 * new one; see docs/adr/0007-privacy-engine.md.
 */
export async function rotateMasterKey(
  stores: Stores,
  from: MasterKey,
  to: MasterKey,
): Promise<RotationReport> {
  const rewrap = (sealed: Buffer, aad: string): Buffer | null => {
    if (opens(to, sealed, aad)) return null;
    return seal(to.key, open(from.key, sealed, aad), aad);
  };

  const dataKeys = await stores.content.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('data_keys')
      .selectAll()
      .where('kek_id', '<>', to.id)
      .forUpdate()
      .execute();
    for (const row of rows) {
      const wrapped = seal(
        to.key,
        open(from.key, row.wrapped_key, `herald:data-key:${row.account_id}`),
        `herald:data-key:${row.account_id}`,
      );
      await tx
        .updateTable('data_keys')
        .set({ wrapped_key: wrapped, kek_id: to.id })
        .where('account_id', '=', row.account_id)
        .execute();
    }
    return rows.length;
  });

  const heraldKeys = await stores.usage.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('herald_keys')
      .selectAll()
      .where('kek_id', '<>', to.id)
      .forUpdate()
      .execute();
    for (const row of rows) {
      const aad = `herald:herald-key:${row.name}`;
      await tx
        .updateTable('herald_keys')
        .set({
          wrapped_key: seal(to.key, open(from.key, row.wrapped_key, aad), aad),
          kek_id: to.id,
        })
        .where('name', '=', row.name)
        .execute();
    }
    return rows.length;
  });

  const account = webhookAccountDb(stores.account);
  const [webhookSecrets, signingSecrets] = await account.transaction().execute(async (tx) => {
    let endpoints = 0;
    for (const row of await tx.selectFrom('webhook_endpoints').selectAll().forUpdate().execute()) {
      const aad = endpointSecretAad(row.account_id, row.id);
      const secret = rewrap(row.secret_sealed, aad);
      const previous = row.previous_secret_sealed ? rewrap(row.previous_secret_sealed, aad) : null;
      if (!secret && !previous) continue;
      await tx
        .updateTable('webhook_endpoints')
        .set({
          secret_sealed: secret ?? row.secret_sealed,
          previous_secret_sealed: previous ?? row.previous_secret_sealed,
        })
        .where('id', '=', row.id)
        .execute();
      endpoints++;
    }
    let signing = 0;
    for (const row of await tx.selectFrom('signing_secrets').selectAll().forUpdate().execute()) {
      const secret = rewrap(row.secret_sealed, signingSecretAad(row.account_id));
      if (!secret) continue;
      await tx
        .updateTable('signing_secrets')
        .set({ secret_sealed: secret })
        .where('account_id', '=', row.account_id)
        .execute();
      signing++;
    }
    return [endpoints, signing];
  });

  const dkimKeys = await stores.account.transaction().execute(async (tx) => {
    let rewrapped = 0;
    const rows = await tx
      .selectFrom('sender_domains')
      .select(['account_id', 'domain', 'dkim_private_key_sealed'])
      .where('dkim_private_key_sealed', 'is not', null)
      .forUpdate()
      .execute();
    for (const row of rows) {
      const sealed = rewrap(row.dkim_private_key_sealed!, dkimKeyAad(row.account_id, row.domain));
      if (!sealed) continue;
      await tx
        .updateTable('sender_domains')
        .set({ dkim_private_key_sealed: sealed })
        .where('account_id', '=', row.account_id)
        .where('domain', '=', row.domain)
        .execute();
      rewrapped++;
    }
    return rewrapped;
  });

  return { dataKeys, heraldKeys, webhookSecrets, signingSecrets, dkimKeys };
}

function opens(key: MasterKey, sealed: Buffer, aad: string): boolean {
  try {
    open(key.key, sealed, aad);
    return true;
  } catch {
    return false;
  }
}
