import type { ContentVault } from '../platform/content/content-vault.js';
import type { MessageRow, NewMessageRow } from '../platform/stores/usage.schema.js';
import type { IdentifierHasher } from '../suppressions/identifier-hasher.js';

/** The columns reading a row needs to reveal its end user. */
export const sealedIdentifierColumns = [
  'id',
  'account_id',
  'direction',
  'recipient',
  'sender',
  'identifier_hash',
  'identifier_sealed',
] as const;

export type SealedIdentifierFields = Pick<MessageRow, (typeof sealedIdentifierColumns)[number]>;

/**
 * End users' identifiers sealed at rest (ADR 38). A message's end user (the recipient of an
 * outbound one, the sender of an inbound one) is written only sealed under the account's data
 * key, beside its keyed hash; it is revealed in memory when the API shows the message or the
 * worker sends it. Destroying the data key (closure, retention's delete mode) leaves the rows
 * anonymous: what was sealed reads as `anonymous:<hash>`.
 */
export class MessageIdentifiers {
  constructor(private readonly deps: { vault: ContentVault; hasher: IdentifierHasher }) {}

  /** The keyed hash every look-up of the end user uses (the suppression list's). */
  hash(row: Pick<NewMessageRow, 'account_id' | 'channel'>, identifier: string): Promise<string> {
    return this.deps.hasher.hash(row.account_id, row.channel, identifier);
  }

  /** The row as it is written: its end user sealed, with the hash given or computed. */
  async seal<T extends NewMessageRow>(row: T, knownHash?: string): Promise<T> {
    const outbound = (row.direction ?? 'outbound') === 'outbound';
    const clear = outbound ? row.recipient : row.sender;
    if (!clear) return row;
    const [hash, sealed] = await Promise.all([
      knownHash ?? this.hash(row, clear),
      this.deps.vault.sealValue(row.account_id, context(row.id), clear),
    ]);
    return {
      ...row,
      ...(outbound ? { recipient: null } : { sender: null }),
      identifier_hash: hash,
      identifier_sealed: sealed,
    };
  }

  /** The row as it is shown: its end user in the clear again (in memory only). */
  async reveal<T extends SealedIdentifierFields>(row: T): Promise<T> {
    if (!row.identifier_sealed) return row;
    const clear =
      (await this.deps.vault.openValue(row.account_id, context(row.id), row.identifier_sealed)) ??
      anonymousIdentifier(row.identifier_hash ?? '');
    return row.direction === 'outbound' ? { ...row, recipient: clear } : { ...row, sender: clear };
  }

  revealAll<T extends SealedIdentifierFields>(rows: readonly T[]): Promise<T[]> {
    return Promise.all(rows.map((row) => this.reveal(row)));
  }
}

/** What a sealed identifier reads as once its data key is destroyed. */
export function anonymousIdentifier(identifierHash: string): string {
  return `anonymous:${identifierHash}`;
}

function context(messageId: string): string {
  return `identifier:${messageId}`;
}
