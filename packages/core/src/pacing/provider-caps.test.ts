import { createTestStores, type TestStores } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../audit/audit-log.js';
import type { PaceDefaults } from './pace-lanes.js';
import { ProviderCaps } from './provider-caps.js';

const DEFAULTS: PaceDefaults = {
  smsDefaultSender: 1,
  smsProviderAccount: 0,
  emailDomain: 0,
  emailProviderAccount: 14,
  pushProviderAccount: 10_000,
};
const operator = { type: 'operator', id: 'cli:ops', ip: null } as const;

/**
 * The provider accounts' caps: the PACE_* defaults until an operator sets one, read by every
 * process (an API or a worker) within its refresh interval of the change.
 */
describe('ProviderCaps', () => {
  let t: TestStores;
  const capsOf = (refreshMs?: number) =>
    new ProviderCaps({
      account: t.stores.account,
      audit: new AuditLog({ account: t.stores.account }),
      defaults: DEFAULTS,
      refreshMs,
    });
  beforeAll(async () => {
    t = await createTestStores();
  });
  afterAll(() => t.drop());

  it('lists each channel’s provider account at its default until an operator sets one', async () => {
    expect(await capsOf().list()).toEqual([
      expect.objectContaining({
        channel: 'sms',
        provider: 'twilio',
        unit: 'segments',
        perSecond: null,
        defaultPerSecond: null,
        setAt: null,
      }),
      expect.objectContaining({
        channel: 'email',
        provider: 'smtp',
        unit: 'messages',
        perSecond: 14,
        setAt: null,
      }),
      expect.objectContaining({ channel: 'push', provider: 'fcm', perSecond: 10_000, setAt: null }),
    ]);
    expect(await capsOf().current()).toEqual(DEFAULTS);
  });

  it('when an operator sets a cap, then the process that set it paces by it at once, another within its refresh, and null puts the default back', async () => {
    const setter = capsOf();
    const other = capsOf(200);
    expect((await other.current()).smsProviderAccount).toBe(0);

    const set = await setter.set('sms', 30, operator);
    expect(set).toMatchObject({ channel: 'sms', perSecond: 30, defaultPerSecond: null });
    expect(set.setAt).toBeInstanceOf(Date);
    expect(await setter.current()).toEqual({ ...DEFAULTS, smsProviderAccount: 30 });
    // The other process still holds what it read, until its refresh interval ends.
    expect((await other.current()).smsProviderAccount).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await other.current()).smsProviderAccount).toBe(30);

    await setter.set('email', 2.5, operator);
    expect(await setter.current()).toEqual({
      ...DEFAULTS,
      smsProviderAccount: 30,
      emailProviderAccount: 2.5,
    });
    const reset = await setter.set('sms', null, operator);
    expect(reset).toMatchObject({ perSecond: null, setAt: null });
    expect((await setter.current()).smsProviderAccount).toBe(0);
    await setter.set('email', null, operator);

    const audit = await t.stores.account
      .selectFrom('audit_events')
      .select(['account_id', 'actor_type', 'actor_id', 'target_id', 'details'])
      .where('action', '=', 'provider_account.pacing_changed')
      .orderBy('created_at')
      .execute();
    expect(audit).toEqual([
      {
        account_id: null,
        actor_type: 'operator',
        actor_id: 'cli:ops',
        target_id: 'sms',
        details: { per_second: 30 },
      },
      {
        account_id: null,
        actor_type: 'operator',
        actor_id: 'cli:ops',
        target_id: 'email',
        details: { per_second: 2.5 },
      },
      {
        account_id: null,
        actor_type: 'operator',
        actor_id: 'cli:ops',
        target_id: 'sms',
        details: { per_second: null },
      },
      {
        account_id: null,
        actor_type: 'operator',
        actor_id: 'cli:ops',
        target_id: 'email',
        details: { per_second: null },
      },
    ]);
  });

  it('when the account store cannot be read, then the send is refused and the next one asks again', async () => {
    const caps = capsOf();
    await t.stores.account.schema.alterTable('provider_pace_caps').renameTo('gone').execute();
    try {
      await expect(caps.current()).rejects.toThrow();
    } finally {
      await t.stores.account.schema.alterTable('gone').renameTo('provider_pace_caps').execute();
    }
    expect(await caps.current()).toEqual(DEFAULTS);
  });
});
