import type { Transaction } from 'kysely';
import type { IdempotentAnswers } from '../../messages/idempotent-answers.js';
import type { UsageDatabase } from '../../platform/stores/usage.schema.js';
import type { WebhookUsageDatabase } from '../../webhooks/webhook.schema.js';
import { rewriteIdempotencyRecord } from './erasure.store.js';
import { type HashedSubject, listIdempotencyRecordsNaming } from './subject.store.js';

/**
 * Rewrites the stored answers (idempotency records) that name an end user, so a retry of the
 * send cannot bring them back: each is opened, rewritten in memory and sealed again (ADR 38).
 * `forget` drops the person's hash from the record too (an erasure; a message's removal keeps
 * it, since the answer's other messages may still name them). Returns how many were rewritten.
 */
export async function rewriteAnswersNaming(
  tx: Transaction<UsageDatabase>,
  answers: IdempotentAnswers,
  accountId: string,
  subject: HashedSubject,
  rewrite: (body: unknown) => unknown,
  options: { forget: boolean },
): Promise<number> {
  const records = await listIdempotencyRecordsNaming(tx, accountId, subject, { forUpdate: true });
  for (const record of records) {
    const body = await answers.open(accountId, record);
    const hashes = (record.identifier_hashes ?? []).filter(
      (hash) => !options.forget || hash !== subject.hash,
    );
    await rewriteIdempotencyRecord(
      tx as unknown as Transaction<WebhookUsageDatabase>,
      accountId,
      record.key,
      await answers.seal(accountId, record.key, rewrite(body), hashes),
    );
  }
  return records.length;
}
