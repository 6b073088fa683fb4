import type { Kysely } from 'kysely';
import { type Actor, AuditLog } from '../audit/audit-log.js';
import { HeraldError } from '../errors/herald-error.js';
import { newId } from '../ids.js';
import type { AccountDatabase, InboundNumberRow } from '../stores/account.schema.js';
import {
  deleteInboundNumber,
  findInboundNumber,
  insertInboundNumberIfAbsent,
  listInboundNumbers,
} from './inbound-number.store.js';

/** A number whose inbound SMS belong to one organisation. */
export type InboundNumber = { id: string; accountId: string; number: string; createdAt: Date };

function toInboundNumber(row: InboundNumberRow): InboundNumber {
  return { id: row.id, accountId: row.account_id, number: row.number, createdAt: row.created_at };
}

/**
 * The registry that says which organisation owns a number's inbound SMS. Twilio names only the
 * number that was texted, so each number belongs to exactly one organisation.
 */
export class PhoneNumberService {
  private readonly audit: AuditLog;

  constructor(
    private readonly account: Kysely<AccountDatabase>,
    deps: { audit?: AuditLog } = {},
  ) {
    this.audit = deps.audit ?? new AuditLog(account);
  }

  async list(accountId: string): Promise<InboundNumber[]> {
    return (await listInboundNumbers(this.account, accountId)).map(toInboundNumber);
  }

  /** Registering a number the organisation already has returns it; another's is `phone_number_taken`. */
  async add(accountId: string, number: string, actor: Actor): Promise<InboundNumber> {
    return this.account.transaction().execute(async (tx) => {
      const { row, created } = await insertInboundNumberIfAbsent(tx, {
        id: newId('num'),
        account_id: accountId,
        number,
      });
      if (row.account_id !== accountId)
        throw new HeraldError('phone_number_taken', { param: 'number' });
      if (created)
        await this.audit.record(
          {
            accountId,
            actor,
            action: 'phone_number.added',
            target: { type: 'phone_number', id: row.id },
          },
          tx,
        );
      return toInboundNumber(row);
    });
  }

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

  /** The organisation that owns `number`'s inbound SMS, or null. */
  async ownerOf(number: string): Promise<string | null> {
    return (await findInboundNumber(this.account, number.trim()))?.account_id ?? null;
  }
}
