import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { SystemEmail } from '../notifications/system-email.job.js';
import { policyChangeEmail } from '../notifications/templates.js';
import type { Clock } from '../platform/clock.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import type { BestEffort } from '../platform/observability/best-effort.js';
import type {
  AccountDatabase,
  PolicyKind,
  PolicyVersionsTable,
} from '../platform/stores/account.schema.js';

type Db = Kysely<AccountDatabase> | Transaction<AccountDatabase>;
export type PolicyVersion = Selectable<PolicyVersionsTable>;

/** A material change is announced to owners at least this long before it takes effect. */
export const MATERIAL_NOTICE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export type PolicyOverview = {
  /** Who to write to about privacy (`PRIVACY_CONTACT`). */
  privacyContact: string;
  privacy: PolicyVersion | null;
  terms: PolicyVersion | null;
  /** Published, not in effect yet: soonest first. */
  upcoming: PolicyVersion[];
};

/**
 * The privacy notice and the terms, by version (issue 17, item 7). The version in effect is the
 * latest whose day has come; sign-up records the ones in effect as accepted, with when and from
 * which address. A material change can only be published 30 days ahead, and owners are emailed
 * about it (PolicyNotices).
 */
export class Policies {
  constructor(
    private readonly deps: {
      account: Kysely<AccountDatabase>;
      clock: Clock;
      privacyContact: string;
    },
  ) {}

  async overview(): Promise<PolicyOverview> {
    const now = this.deps.clock.now();
    const rows = await this.deps.account
      .selectFrom('policy_versions')
      .selectAll()
      .orderBy('effective_at', 'desc')
      .execute();
    const inEffect = (kind: PolicyKind) =>
      rows.find((r) => r.kind === kind && r.effective_at <= now) ?? null;
    return {
      privacyContact: this.deps.privacyContact,
      privacy: inEffect('privacy'),
      terms: inEffect('terms'),
      upcoming: rows.filter((r) => r.effective_at > now).reverse(),
    };
  }

  async publish(input: {
    kind: PolicyKind;
    version: string;
    url: string;
    summary: string;
    effectiveAt: Date;
    material: boolean;
  }): Promise<PolicyVersion> {
    const now = this.deps.clock.now();
    const earliest = new Date(now.getTime() + MATERIAL_NOTICE_DAYS * DAY_MS);
    if (input.material && input.effectiveAt < earliest)
      throw new HeraldError('invalid_value', {
        param: 'effective_at',
        reason: `a material change takes effect ${MATERIAL_NOTICE_DAYS} days after owners are told at the earliest: ${earliest.toISOString()}`,
      });
    if (!input.material && input.effectiveAt < now)
      throw new HeraldError('invalid_value', {
        param: 'effective_at',
        reason: 'a new version cannot take effect in the past',
      });
    return this.deps.account
      .insertInto('policy_versions')
      .values({
        kind: input.kind,
        version: input.version,
        url: input.url,
        summary: input.summary,
        effective_at: input.effectiveAt,
        material: input.material,
        // Only material changes are announced.
        owners_notified_at: input.material ? null : now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((error: { code?: string }) => {
        if (error.code === '23505')
          throw new HeraldError('invalid_value', {
            param: 'version',
            reason: `${input.kind} version ${input.version} is published already`,
          });
        throw error;
      });
  }
}

/**
 * Records that a new user accepted the terms and read the privacy notice in effect now, inside
 * the sign-up's transaction.
 */
export async function recordPolicyAcceptance(
  tx: Db,
  input: { userId: string; ip: string | null; at: Date },
): Promise<void> {
  await sql`
    insert into policy_acceptances (user_id, kind, version, accepted_at, ip)
    select distinct on (kind) ${input.userId}, kind, version, ${input.at}, ${input.ip}
      from policy_versions
      where effective_at <= ${input.at}
      order by kind, effective_at desc`.execute(tx);
}

/** A user's acceptances, oldest first (for their own copy of their data). */
export function listPolicyAcceptances(db: Db, userId: string) {
  return db
    .selectFrom('policy_acceptances')
    .select(['kind', 'version', 'accepted_at', 'ip'])
    .where('user_id', '=', userId)
    .orderBy('accepted_at')
    .execute();
}

/**
 * Owners hear of a material change to the privacy notice or the terms as soon as it is
 * published, which is at least 30 days before it takes effect (run with the privacy deadlines).
 * Each version is marked before its emails go, so an owner is told once.
 */
export async function announcePolicyChanges(deps: {
  account: Kysely<AccountDatabase>;
  mailer: { send(email: SystemEmail): Promise<unknown> };
  publicUrl: string;
  bestEffort: BestEffort;
  now: Date;
}): Promise<number> {
  const due = await deps.account
    .selectFrom('policy_versions')
    .selectAll()
    .where('material', '=', true)
    .where('owners_notified_at', 'is', null)
    .execute();
  if (due.length === 0) return 0;
  const owners = await deps.account
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
    .select('users.email')
    .distinct()
    .where('memberships.role', '=', 'owner')
    .where('accounts.status', '!=', 'closed')
    .execute();
  for (const version of due) {
    await deps.account
      .updateTable('policy_versions')
      .set({ owners_notified_at: deps.now })
      .where('kind', '=', version.kind)
      .where('version', '=', version.version)
      .execute();
    for (const owner of owners)
      await deps.bestEffort.attempt(
        'owner_notification',
        deps.mailer.send(
          policyChangeEmail(owner.email, version, new URL(version.url, deps.publicUrl).toString()),
        ),
      );
  }
  return due.length;
}
