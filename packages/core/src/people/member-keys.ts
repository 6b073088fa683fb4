import type { Transaction } from 'kysely';
import { rolePermissions, scopePermissions, widestScopeWithin } from '../access/permissions.js';
import { lockLiveKeysOwnedBy, reassignApiKey, revokeApiKey } from '../accounts/account.store.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import type {
  AccountDatabase,
  ApiKeyRow,
  ApiKeyScope,
  Role,
} from '../platform/stores/account.schema.js';

/** What the admin removing a member decided for one of the member's keys. */
export type ApiKeyDecision = { id: string; decision: 'keep' | 'revoke' };

/** A key as the `409 member_has_api_keys` lists it: enough to recognise it, never its secret. */
export type UndecidedKey = Pick<ApiKeyRow, 'id' | 'name' | 'scope' | 'mode'> & {
  prefix: string;
  last_used_at: string | null;
};

/**
 * Settles the live keys of a member who is leaving, in the removal's transaction. Each needs a
 * decision: `revoke`, or `keep`, which hands the key to the admin who kept it, so it stays
 * bounded by a current member. Keeping never widens a key: its scope is narrowed to what it
 * could do under the leaving member's role. Every outcome is an audit event naming ids only.
 */
export async function settleKeysOfLeavingMember(
  tx: Transaction<AccountDatabase>,
  audit: AuditLog,
  input: {
    accountId: string;
    member: { userId: string; role: Role };
    keeper: { userId: string; actor: Actor };
    decisions: ApiKeyDecision[];
    now: Date;
  },
): Promise<{ kept: number; revoked: number }> {
  const { accountId, member, keeper, now } = input;
  const live = await lockLiveKeysOwnedBy(tx, accountId, member.userId);
  const decisions = checkDecisions(input.decisions, live, {
    role: member.role,
    leavingIsKeeper: member.userId === keeper.userId,
  });
  const undecided = live.filter((key) => !decisions.has(key.id));
  if (undecided.length > 0) {
    throw new HeraldError('member_has_api_keys', {
      param: 'api_keys',
      extensions: { api_keys: undecided.map(summaryOf) },
    });
  }
  let kept = 0;
  for (const key of live) {
    const target = { type: 'api_key', id: key.id };
    const { scope } = decisions.get(key.id)!;
    if (scope === null) {
      await revokeApiKey(tx, accountId, key.id, now);
      await audit.record(
        {
          accountId,
          actor: keeper.actor,
          action: 'api_key.revoked',
          target,
          details: { member: member.userId, cause: 'member_removed' },
        },
        tx,
      );
      continue;
    }
    await reassignApiKey(tx, accountId, key.id, { userId: keeper.userId, scope });
    await audit.record(
      {
        accountId,
        actor: keeper.actor,
        action: 'api_key.reassigned',
        target,
        details: { from: member.userId, to: keeper.userId, scope, previous_scope: key.scope },
      },
      tx,
    );
    kept++;
  }
  return { kept, revoked: live.length - kept };
}

/**
 * Every decision names one of the member's live keys, once. A kept key gets the scope it will
 * keep (null: revoked); keeping your own key as you leave, or a key that can do nothing, is refused.
 */
function checkDecisions(
  decisions: ApiKeyDecision[],
  live: ApiKeyRow[],
  leaving: { role: Role; leavingIsKeeper: boolean },
): Map<string, { scope: ApiKeyScope | null }> {
  const liveKeys = new Map(live.map((k) => [k.id, k]));
  const settled = new Map<string, { scope: ApiKeyScope | null }>();
  decisions.forEach((d, index) => {
    const key = liveKeys.get(d.id);
    if (!key || settled.has(d.id)) {
      throw new HeraldError('invalid_value', {
        param: `api_keys[${index}].id`,
        reason: key ? 'this key is named twice' : 'it is not a live API key of this member',
      });
    }
    if (d.decision === 'revoke') {
      settled.set(d.id, { scope: null });
      return;
    }
    const refuse = (reason: string) =>
      new HeraldError('invalid_value', { param: `api_keys[${index}].decision`, reason });
    if (leaving.leavingIsKeeper)
      throw refuse(
        'you are removing yourself, so a key you kept would have no owner. Revoke it, or ask another admin to remove you',
      );
    const scope = narrowedScope(key, leaving.role);
    if (!scope)
      throw refuse(
        `under its owner's role \`${leaving.role}\` this key can do nothing, so there is nothing to keep: revoke it`,
      );
    settled.set(d.id, { scope });
  });
  return settled;
}

/** The widest scope within what the key could do under its leaving owner's role. */
function narrowedScope(key: ApiKeyRow, role: Role): ApiKeyScope | null {
  return widestScopeWithin(
    (p) => scopePermissions[key.scope].has(p) && rolePermissions[role].has(p),
  );
}

function summaryOf(key: ApiKeyRow): UndecidedKey {
  return {
    id: key.id,
    name: key.name,
    prefix: key.display_prefix,
    scope: key.scope,
    mode: key.mode,
    last_used_at: key.last_used_at?.toISOString() ?? null,
  };
}
