import type { ContentVault } from '../platform/content/content-vault.js';
import type { IdempotencyKeyRow } from '../platform/stores/usage.schema.js';

/** How an idempotency record keeps its answer at rest. */
export type SealedAnswer = {
  response_body: null;
  response_sealed: Buffer;
  identifier_hashes: string[];
};

/**
 * The answer a send gave, kept for its idempotency key. It names the recipients, so it is
 * sealed under the account's data key like their rows (ADR 38), and carries their keyed hashes
 * so an erasure finds the records that name someone. Records written before this are clear.
 */
export class IdempotentAnswers {
  constructor(private readonly vault: ContentVault) {}

  async seal(
    accountId: string,
    key: string,
    body: unknown,
    identifierHashes: readonly (string | null | undefined)[],
  ): Promise<SealedAnswer> {
    return {
      response_body: null,
      response_sealed: await this.vault.sealValue(accountId, context(key), JSON.stringify(body)),
      identifier_hashes: [...new Set(identifierHashes.filter((h): h is string => !!h))],
    };
  }

  /** The answer; null when its data key is gone (the account was closed). */
  async open(
    accountId: string,
    row: Pick<IdempotencyKeyRow, 'key' | 'response_body' | 'response_sealed'>,
  ): Promise<unknown> {
    if (!row.response_sealed) return row.response_body;
    const clear = await this.vault.openValue(accountId, context(row.key), row.response_sealed);
    return clear === null ? null : JSON.parse(clear);
  }
}

function context(key: string): string {
  return `idempotency:${key}`;
}
