import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { SystemSms } from '../notifications/system-sms.job.js';
import type { Clock } from '../platform/clock.js';
import type { MasterKey } from '../platform/crypto/master-key.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import { newId } from '../platform/ids.js';
import type { AccountDatabase } from '../platform/stores/account.schema.js';
import { type InboundNumber, lockNumber, toInboundNumber } from './phone-number.service.js';
import {
  findClaimById,
  findVerifiedHolder,
  insertClaimIfAbsent,
  markVerified,
} from './phone-number.store.js';
import {
  codesSentSince,
  countFailedAttempt,
  deleteCodesOf,
  deleteCodesSentBefore,
  findLatestCodeForUpdate,
  insertCode,
} from './phone-number-code.store.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** How a code is given out and how long it is good for (ADR 15). */
export const CODE_RULES = {
  ttlMs: 10 * MINUTE_MS,
  /** Wrong guesses before the code is dead; a new one must be asked for. */
  attempts: 5,
  /** Codes an organisation may have sent in an hour, over all its numbers. */
  perAccountPerHour: 10,
  /** Codes one number may receive in an hour, from every organisation together. */
  perNumberPerHour: 5,
} as const;

export type PhoneNumberClaimsDeps = {
  account: Kysely<AccountDatabase>;
  audit: AuditLog;
  masterKey: MasterKey;
  /** Texts the code to the number (the worker sends it through the SMS provider). */
  texter: { send(sms: SystemSms): Promise<void> };
  clock: Clock;
};

/**
 * Proving control of a number, as Twilio's verified caller ids do: a claim texts a one-time
 * code to the number, and whoever reads it there verifies the claim. The code is never logged,
 * is stored only as an HMAC under a key derived from the master key (a dump of six digits is not
 * worth brute-forcing without it), expires, dies after a few wrong guesses, and is rate limited
 * per organisation and per number, so Herald cannot be used to flood someone's phone.
 */
export class PhoneNumberClaims {
  private readonly clock: Clock;
  private readonly codeKey: Buffer;

  constructor(private readonly deps: PhoneNumberClaimsDeps) {
    this.clock = deps.clock;
    this.codeKey = createHmac('sha256', deps.masterKey.key)
      .update('herald:phone-number-code')
      .digest();
  }

  /**
   * Claims the number for the organisation and texts it a code; claiming a pending number
   * again texts a new code. A number the organisation holds already is returned as it is; one
   * another organisation holds is `phone_number_taken` (an operator can move it).
   */
  async claim(accountId: string, number: string, actor: Actor): Promise<InboundNumber> {
    const now = this.clock.now();
    const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
    return this.deps.account.transaction().execute(async (tx) => {
      const holder = await findVerifiedHolder(tx, number);
      if (holder && holder.account_id !== accountId)
        throw new HeraldError('phone_number_taken', { param: 'number' });
      const { row, created } = await insertClaimIfAbsent(tx, {
        id: newId('num'),
        account_id: accountId,
        number,
      });
      if (created)
        await this.deps.audit.record(
          { accountId, actor, action: 'phone_number.claimed', target: phoneNumber(row.id) },
          tx,
        );
      if (row.status === 'verified') return toInboundNumber(row);

      await this.checkRateLimits(tx, accountId, number, now);
      await deleteCodesSentBefore(tx, new Date(now.getTime() - 24 * HOUR_MS));
      await insertCode(tx, {
        id: newId('pnc'),
        number_id: row.id,
        account_id: accountId,
        number,
        code_hash: this.hash(row.id, code),
        expires_at: new Date(now.getTime() + CODE_RULES.ttlMs),
        created_at: now,
      });
      // Queued before the commit: if Redis cannot take it, nothing is written (503), and a
      // code that was queued but not committed can never be verified.
      await this.deps.texter.send({ to: number, body: codeText(code) }).catch((error) => {
        throw new HeraldError('service_unavailable', { cause: error });
      });
      return toInboundNumber(row);
    });
  }

  /** The code texted to the number makes the claim `verified`: the organisation holds it. */
  async verify(accountId: string, id: string, code: string, actor: Actor): Promise<InboundNumber> {
    type Outcome = { number: InboundNumber } | { attemptsLeft: number };
    const outcome = await this.deps.account.transaction().execute(async (tx): Promise<Outcome> => {
      const claim = await findClaimById(tx, accountId, id);
      if (!claim) throw new HeraldError('phone_number_not_found', { param: 'phone_number_id' });
      await lockNumber(tx, claim.number);
      if (claim.status === 'verified') return { number: toInboundNumber(claim) };
      const holder = await findVerifiedHolder(tx, claim.number);
      if (holder) throw new HeraldError('phone_number_taken', { param: 'phone_number_id' });

      const sent = await findLatestCodeForUpdate(tx, claim.id);
      if (!sent || sent.expires_at <= this.clock.now())
        throw new HeraldError('verification_code_expired', {
          param: 'code',
          reason: 'has expired',
        });
      if (sent.attempts >= CODE_RULES.attempts)
        throw new HeraldError('verification_code_expired', {
          param: 'code',
          reason: 'was tried too many times',
        });
      if (!this.matches(claim.id, code, sent.code_hash)) {
        // Counted, and committed, before the refusal is thrown.
        await countFailedAttempt(tx, sent.id);
        return { attemptsLeft: CODE_RULES.attempts - sent.attempts - 1 };
      }
      const verified = await markVerified(tx, claim.id, 'code');
      await deleteCodesOf(tx, claim.id);
      await this.deps.audit.record(
        { accountId, actor, action: 'phone_number.verified', target: phoneNumber(claim.id) },
        tx,
      );
      return { number: toInboundNumber(verified) };
    });
    if ('attemptsLeft' in outcome) {
      const left = outcome.attemptsLeft;
      throw new HeraldError('verification_code_invalid', {
        param: 'code',
        reason:
          left > 0
            ? `${left} attempt${left === 1 ? '' : 's'} left`
            : 'no attempts left: ask for a new code',
      });
    }
    return outcome.number;
  }

  private async checkRateLimits(
    tx: Transaction<AccountDatabase>,
    accountId: string,
    number: string,
    now: Date,
  ): Promise<void> {
    const since = new Date(now.getTime() - HOUR_MS);
    for (const [by, limit] of [
      [{ accountId }, CODE_RULES.perAccountPerHour],
      [{ number }, CODE_RULES.perNumberPerHour],
    ] as const) {
      const sent = await codesSentSince(tx, by, since);
      if (sent.length >= limit) {
        const freeAt = sent[sent.length - limit]!.getTime() + HOUR_MS;
        throw new HeraldError('rate_limited', {
          detail:
            'Too many verification codes were sent lately. Wait for the time in `Retry-After`, then ask again.',
          retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)),
        });
      }
    }
  }

  private hash(claimId: string, code: string): string {
    return createHmac('sha256', this.codeKey).update(`${claimId}\n${code}`).digest('hex');
  }

  private matches(claimId: string, code: string, stored: string): boolean {
    const given = Buffer.from(this.hash(claimId, code.trim()), 'hex');
    return timingSafeEqual(given, Buffer.from(stored, 'hex'));
  }
}

function phoneNumber(id: string) {
  return { type: 'phone_number', id };
}

/** Names no organisation: the claimant's text would otherwise reach a stranger's phone. */
function codeText(code: string): string {
  return `Herald: ${code} is your code to verify this number. If you did not ask for it, ignore this message.`;
}
