import type { Kysely } from 'kysely';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { AccountDatabase } from '../platform/stores/account.schema.js';
import type { ChannelName } from '../platform/stores/usage.schema.js';
import type { PaceDefaults } from './pace-lanes.js';

/** The provider account each channel goes through, and which field of the caps is its own. */
const providerOf = {
  sms: { provider: 'twilio', unit: 'segments', field: 'smsProviderAccount' },
  email: { provider: 'smtp', unit: 'messages', field: 'emailProviderAccount' },
  push: { provider: 'fcm', unit: 'messages', field: 'pushProviderAccount' },
} as const;

export const providerChannels = Object.keys(providerOf) as ChannelName[];

export type ProviderAccount = {
  channel: ChannelName;
  provider: (typeof providerOf)[ChannelName]['provider'];
  /** Segments for SMS (what carriers count), messages otherwise. */
  unit: 'segments' | 'messages';
  /** The cap in force; null is no cap. */
  perSecond: number | null;
  /** The `PACE_*_PROVIDER_PER_SECOND` value it falls back to; null is no cap. */
  defaultPerSecond: number | null;
  /** When an operator set it; null while the default applies. */
  setAt: Date | null;
};

/** Where accept and queue repair read the caps in force. */
export type PaceCaps = { current(): Promise<PaceDefaults> };

/** Caps that never change: the tests' and benches' own. */
export function fixedPaceCaps(defaults: PaceDefaults): PaceCaps {
  return { current: async () => defaults };
}

/** How long a process keeps the caps it read: an operator's change reaches every process within it. */
const REFRESH_MS = 5000;

/**
 * The caps of the provider accounts Herald sends through (ADR 28): the environment's
 * `PACE_*_PROVIDER_PER_SECOND`, unless an operator set another through the API or the CLI.
 * Every accept reads them, so each process keeps what it read for a few seconds rather than
 * ask the account store on every send.
 */
export class ProviderCaps implements PaceCaps {
  private cached: { at: number; caps: Promise<PaceDefaults> } | null = null;

  constructor(
    private readonly deps: {
      account: Kysely<AccountDatabase>;
      audit: AuditLog;
      defaults: PaceDefaults;
      refreshMs?: number;
    },
  ) {}

  current(): Promise<PaceDefaults> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at >= (this.deps.refreshMs ?? REFRESH_MS)) {
      const caps = this.read();
      // A failed read is not kept: the next send asks again.
      caps.catch(() => {
        if (this.cached?.caps === caps) this.cached = null;
      });
      this.cached = { at: now, caps };
    }
    return this.cached.caps;
  }

  async list(): Promise<ProviderAccount[]> {
    const rows = await this.rows();
    return providerChannels.map((channel) => this.present(channel, rows.get(channel)));
  }

  /**
   * Sets a provider account's cap (null goes back to the default). Messages
   * accepted from then on are paced by it, in every process within a few seconds. Audited.
   */
  async set(
    channel: ChannelName,
    perSecond: number | null,
    actor: Actor,
  ): Promise<ProviderAccount> {
    const row = await this.deps.account.transaction().execute(async (tx) => {
      let saved: { per_second: number; updated_at: Date } | undefined;
      if (perSecond === null) {
        await tx.deleteFrom('provider_pace_caps').where('channel', '=', channel).execute();
      } else {
        saved = await tx
          .insertInto('provider_pace_caps')
          .values({ channel, per_second: perSecond })
          .onConflict((oc) =>
            oc.column('channel').doUpdateSet({ per_second: perSecond, updated_at: new Date() }),
          )
          .returning(['per_second', 'updated_at'])
          .executeTakeFirstOrThrow();
      }
      await this.deps.audit.record(
        {
          accountId: null,
          actor,
          action: 'provider_account.pacing_changed',
          target: { type: 'provider_account', id: channel },
          details: { per_second: perSecond },
        },
        tx,
      );
      return saved;
    });
    this.cached = null;
    return this.present(channel, row);
  }

  private async read(): Promise<PaceDefaults> {
    const rows = await this.rows();
    const caps = { ...this.deps.defaults };
    for (const [channel, row] of rows) caps[providerOf[channel].field] = row.per_second;
    return caps;
  }

  private async rows() {
    const rows = await this.deps.account
      .selectFrom('provider_pace_caps')
      .select(['channel', 'per_second', 'updated_at'])
      .execute();
    return new Map(rows.map((row) => [row.channel, row]));
  }

  private present(
    channel: ChannelName,
    row: { per_second: number; updated_at: Date } | undefined,
  ): ProviderAccount {
    const { provider, unit, field } = providerOf[channel];
    const fallback = this.deps.defaults[field] || null;
    return {
      channel,
      provider,
      unit,
      perSecond: row ? row.per_second : fallback,
      defaultPerSecond: fallback,
      setAt: row?.updated_at ?? null,
    };
  }
}
