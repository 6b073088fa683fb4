import { type Kysely, sql, type Transaction } from 'kysely';
import { findAccount } from '../accounts/account.store.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { defaultSegmentsPerSecond, kindOfNumber, type SenderKind } from '../pacing/pace-lanes.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import { newId } from '../platform/ids.js';
import type {
  AccountDatabase,
  InboundNumberRow,
  PhoneNumberStatus,
} from '../platform/stores/account.schema.js';
import {
  deleteInboundNumber,
  findClaimById,
  findVerifiedHolder,
  insertClaimIfAbsent,
  listAllClaims,
  listInboundNumbers,
  markVerified,
  updateNumberPacing,
} from './phone-number.store.js';

/**
 * One organisation's claim on a number. Only a `verified` one routes the number's inbound SMS
 * to the organisation and lets it send from the number.
 */
export type InboundNumber = {
  id: string;
  accountId: string;
  number: string;
  status: PhoneNumberStatus;
  verifiedAt: Date | null;
  createdAt: Date;
  /** What a carrier lets it send: as set, or as its area code says (ADR 28). */
  kind: SenderKind;
  /** Whether `kind` was set, rather than read from the number. */
  kindSet: boolean;
  /** Its cap in segments a second: as set, or its kind's default. */
  segmentsPerSecond: number;
  /** Whether the cap was set, rather than its kind's default. */
  capSet: boolean;
};

export function toInboundNumber(row: InboundNumberRow): InboundNumber {
  const kind = row.kind ?? kindOfNumber(row.number);
  return {
    id: row.id,
    accountId: row.account_id,
    number: row.number,
    status: row.status,
    verifiedAt: row.verified_at,
    createdAt: row.created_at,
    kind,
    kindSet: row.kind !== null,
    segmentsPerSecond: row.max_per_second ?? defaultSegmentsPerSecond[kind],
    capSet: row.max_per_second !== null,
  };
}

/** A change to a number's pacing; null puts a setting back to its default. */
export type NumberPacingChange = { kind?: SenderKind | null; segmentsPerSecond?: number | null };

/**
 * Who holds each number. Any organisation may claim a number (PhoneNumberClaims sends it a
 * code); only the one that proved control, or that an operator assigned it to, holds it. Twilio
 * names only the number that was texted, so the holder alone gets its inbound SMS (ADR 15).
 */
export class PhoneNumberService {
  private readonly account: Kysely<AccountDatabase>;
  private readonly audit: AuditLog;

  constructor(deps: { account: Kysely<AccountDatabase>; audit: AuditLog }) {
    this.account = deps.account;
    this.audit = deps.audit;
  }

  async list(accountId: string): Promise<InboundNumber[]> {
    return (await listInboundNumbers(this.account, accountId)).map(toInboundNumber);
  }

  /** Every claim, for operators; `pendingOnly` for the ones still waiting for proof. */
  async listAll(options: { pendingOnly: boolean }): Promise<InboundNumber[]> {
    return (await listAllClaims(this.account, options)).map(toInboundNumber);
  }

  /** Withdraws a claim; removing the verified one frees the number for others. */
  async remove(accountId: string, id: string, actor: Actor): Promise<void> {
    await this.account.transaction().execute(async (tx) => {
      if (!(await deleteInboundNumber(tx, accountId, id)))
        throw new HeraldError('phone_number_not_found', { param: 'phone_number_id' });
      await this.audit.record(
        {
          accountId,
          actor,
          action: 'phone_number.removed',
          target: { type: 'phone_number', id },
        },
        tx,
      );
    });
  }

  /** The organisation that holds `number` verified, or null: nobody gets its inbound SMS. */
  async ownerOf(number: string): Promise<string | null> {
    return (await findVerifiedHolder(this.account, number.trim()))?.account_id ?? null;
  }

  /** Whether the organisation holds `number` verified, so it may send from it. */
  async holds(accountId: string, number: string): Promise<boolean> {
    return (await this.ownerOf(number)) === accountId;
  }

  /** The number if the organisation holds it verified (with its pacing), else null. */
  async held(accountId: string, number: string): Promise<InboundNumber | null> {
    const row = await findVerifiedHolder(this.account, number.trim());
    return row?.account_id === accountId ? toInboundNumber(row) : null;
  }

  async get(accountId: string, id: string): Promise<InboundNumber> {
    const row = await findClaimById(this.account, accountId, id);
    if (!row) throw new HeraldError('phone_number_not_found', { param: 'phone_number_id' });
    return toInboundNumber(row);
  }

  /** Sets a number's kind or cap (ADR 28); messages accepted from now on are paced by it. */
  async updatePacing(
    accountId: string,
    id: string,
    change: NumberPacingChange,
    actor: Actor,
  ): Promise<InboundNumber> {
    return this.account.transaction().execute(async (tx) => {
      const row = await updateNumberPacing(tx, accountId, id, {
        ...(change.kind !== undefined && { kind: change.kind }),
        ...(change.segmentsPerSecond !== undefined && {
          max_per_second: change.segmentsPerSecond,
        }),
      });
      if (!row) throw new HeraldError('phone_number_not_found', { param: 'phone_number_id' });
      const number = toInboundNumber(row);
      await this.audit.record(
        {
          accountId,
          actor,
          action: 'phone_number.pacing_changed',
          target: { type: 'phone_number', id },
          details: { kind: number.kind, segments_per_second: number.segmentsPerSecond },
        },
        tx,
      );
      return number;
    });
  }

  /**
   * An operator gives a number Herald provisions to an organisation: verified at once, moved
   * away from any organisation that held it (whose claim ends, in its own audit log, without
   * naming the new holder). The number's opt-outs stay with the number (ADR 15).
   */
  async assign(
    number: string,
    accountId: string,
    actor: Actor,
  ): Promise<{ number: InboundNumber; movedFrom: string | null }> {
    return this.account.transaction().execute(async (tx) => {
      if (!(await findAccount(tx, accountId))) throw new HeraldError('account_not_found');
      await lockNumber(tx, number);
      const holder = await findVerifiedHolder(tx, number);
      if (holder?.account_id === accountId)
        return { number: toInboundNumber(holder), movedFrom: null };
      if (holder) {
        await deleteInboundNumber(tx, holder.account_id, holder.id);
        await this.audit.record(
          {
            accountId: holder.account_id,
            actor,
            action: 'phone_number.moved_away',
            target: { type: 'phone_number', id: holder.id },
          },
          tx,
        );
      }
      const { row } = await insertClaimIfAbsent(tx, {
        id: newId('num'),
        account_id: accountId,
        number,
      });
      const verified = await markVerified(tx, row.id, 'operator');
      await this.audit.record(
        {
          accountId,
          actor,
          action: 'phone_number.assigned',
          target: { type: 'phone_number', id: verified.id },
          details: { moved: holder !== undefined },
        },
        tx,
      );
      return { number: toInboundNumber(verified), movedFrom: holder?.account_id ?? null };
    });
  }
}

/**
 * Serialises every change of a number's holder (a code verified, an operator's assignment) for
 * the rest of the transaction; the unique index on verified claims is the last line behind it.
 */
export async function lockNumber(tx: Transaction<AccountDatabase>, number: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`phone-number:${number}`}))`.execute(tx);
}
