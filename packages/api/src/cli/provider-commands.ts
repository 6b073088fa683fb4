import {
  type Actor,
  AuditLog,
  type ChannelName,
  type PaceDefaults,
  type ProviderAccount,
  ProviderCaps,
  providerChannels,
  type Stores,
} from '@herald/core';

export const providerUsage = `  providers list                            the cap of each provider account Herald sends through
  providers cap <sms|email|push> <per-second|default> [--operator <email>]
                                            set it (SMS in segments a second), or go back to the
                                            PACE_*_PROVIDER_PER_SECOND default; audited`;

/**
 * The operator's commands for the provider accounts' caps (ADR 28), as
 * `PATCH /v1/operator/provider-accounts/{channel}` sets them. Answers the exit code, or
 * undefined when `command` is not one of them.
 */
export async function runProviderCommand(
  stores: Stores,
  defaults: PaceDefaults,
  command: string,
  [channel, rate]: string[],
  actor: Actor,
): Promise<number | undefined> {
  const caps = new ProviderCaps({
    account: stores.account,
    audit: new AuditLog({ account: stores.account }),
    defaults,
  });
  switch (command) {
    case 'providers list': {
      for (const account of await caps.list()) console.log(formatAccount(account));
      return 0;
    }
    case 'providers cap': {
      const perSecond = rate === 'default' ? null : Number(rate);
      if (!providerChannels.includes(channel as ChannelName))
        return fail('providers cap needs a channel: sms, email or push');
      if (perSecond !== null && !(perSecond > 0 && perSecond <= 1_000_000))
        return fail(
          'providers cap needs a number a second above 0 and at most 1000000, or default',
        );
      console.log(formatAccount(await caps.set(channel as ChannelName, perSecond, actor)));
      return 0;
    }
    default:
      return undefined;
  }
}

function formatAccount(account: ProviderAccount): string {
  const cap = account.perSecond === null ? 'no cap' : `${account.perSecond} ${account.unit}/s`;
  const source = account.setAt ? `set ${account.setAt.toISOString()}` : 'default';
  return `${account.channel}  ${account.provider}  ${cap}  (${source})`;
}

function fail(message: string): number {
  console.error(message);
  return 2;
}
