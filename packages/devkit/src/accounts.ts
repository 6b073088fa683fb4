import {
  type AccountDatabase,
  AccountService,
  AuditLog,
  type Clock,
  systemClock,
} from '@herald/core';
import type { Kysely } from 'kysely';
import { toolBestEffort } from './best-effort.js';

/**
 * An AccountService as an operator's tool has it (no key-failure throttle: nothing
 * authenticates through it), for `npm start`'s development account, the benchmarks and tests
 * that create accounts and keys straight in the store.
 */
export function accountServiceFor(
  account: Kysely<AccountDatabase>,
  clock: Clock = systemClock,
): AccountService {
  return new AccountService({
    account,
    audit: new AuditLog({ account }),
    clock,
    failures: null,
    bestEffort: toolBestEffort('herald-accounts'),
  });
}
