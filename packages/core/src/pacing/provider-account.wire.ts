import type { Schemas } from '@herald/openapi';
import { backlogOf } from './backlog.js';
import type { ProviderAccount } from './provider-caps.js';

/** A provider account's cap; `backlogMs` (what waits on it, from now) for operators only. */
export function presentProviderAccount(
  account: ProviderAccount,
  backlogMs?: number,
): Schemas['ProviderAccount'] {
  const perSecond = account.perSecond;
  return {
    object: 'provider_account',
    channel: account.channel,
    provider: account.provider,
    unit: account.unit,
    per_second: perSecond,
    default_per_second: account.defaultPerSecond,
    set_at: account.setAt?.toISOString() ?? null,
    ...(backlogMs !== undefined && {
      backlog: backlogOf('units', backlogMs, perSecond),
    }),
  };
}
