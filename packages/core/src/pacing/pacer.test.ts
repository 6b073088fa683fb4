import { randomUUID } from 'node:crypto';
import { testRedisUrl } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createProducerConnection,
  type RedisClient,
  waitUntilReady,
} from '../platform/redis/redis.js';
import { kindOfNumber, type PaceDefaults, pacePlan } from './pace-lanes.js';
import { Pacer } from './pacer.js';

const DEFAULTS: PaceDefaults = {
  smsDefaultSender: 1,
  smsProviderAccount: 0,
  emailDomain: 0,
  emailProviderAccount: 0,
  pushProviderAccount: 10_000,
};

/** One SMS from a named number paced at `perSecond` segments, costing `segments`. */
const sms = (sender: string, perSecond: number, segments = 1) =>
  pacePlan(DEFAULTS, { channel: 'sms', sender, segments }, perSecond);

describe('Pacer: send times reserved per lane in Redis', () => {
  let redis: RedisClient;
  let pacer: Pacer;
  beforeAll(async () => {
    redis = createProducerConnection(testRedisUrl());
    await waitUntilReady(redis);
  });
  afterAll(() => redis.disconnect());
  // A prefix of each test's own: lanes never carry over.
  const fresh = () => {
    pacer = new Pacer(redis, `pace-test-${randomUUID()}`);
    return pacer;
  };

  it('when a lane is idle, then the first message goes now and the next wait one interval each', async () => {
    const p = fresh();
    const plan = sms('+14155550100', 4);
    const delays = [];
    for (let i = 0; i < 5; i++) delays.push((await p.reserve(plan, { urgent: false })).delayMs);
    // 4 a second: 250 ms apart (Redis's clock moves on a little between calls).
    expect(delays[0]).toBe(0);
    for (let i = 1; i < 5; i++) expect(delays[i]).toBeGreaterThan(i * 250 - 50);
    for (let i = 1; i < 5; i++) expect(delays[i]).toBeLessThanOrEqual(i * 250);
  });

  it('when an SMS has three segments, then it takes three intervals of its number', async () => {
    const p = fresh();
    await p.reserve(sms('+14155550100', 1, 3), { urgent: false });
    const next = await p.reserve(sms('+14155550100', 1), { urgent: false });
    expect(next.delayMs).toBeGreaterThan(2_900);
  });

  it('when two numbers are busy, then each keeps its own schedule', async () => {
    const p = fresh();
    for (let i = 0; i < 10; i++) await p.reserve(sms('+14155550100', 1), { urgent: false });
    const other = await p.reserve(sms('+14155550199', 1), { urgent: false });
    expect(other.delayMs).toBe(0);
  });

  it('when a lane has a backlog, then an urgent message goes ahead of it and the backlog moves back', async () => {
    const p = fresh();
    const plan = sms('+14155550100', 1);
    for (let i = 0; i < 10; i++) await p.reserve(plan, { urgent: false });
    expect(await p.backlogMs('sms:sender:+14155550100')).toBeGreaterThan(9_000);
    const urgent = await p.reserve(plan, { urgent: true });
    expect(urgent.delayMs).toBeLessThan(1_100);
    const afterUrgent = await p.reserve(plan, { urgent: false });
    expect(afterUrgent.delayMs).toBeGreaterThan(10_900);
    // A second urgent one waits for the first, not for the backlog.
    const second = await p.reserve(plan, { urgent: true });
    expect(second.delayMs).toBeGreaterThan(urgent.delayMs + 900);
    expect(second.delayMs).toBeLessThan(2_200);
  });

  it('when a message would wait past its deadline, then nothing is reserved', async () => {
    const p = fresh();
    const plan = sms('+14155550100', 1);
    for (let i = 0; i < 5; i++) await p.reserve(plan, { urgent: false });
    const late = await p.reserve(plan, { urgent: false, deadline: new Date(Date.now() + 2_000) });
    expect(late.reserved).toBe(false);
    expect(late.delayMs).toBeGreaterThan(4_000);
    // The refused one took nothing: the next still gets the slot after the five.
    expect((await p.reserve(plan, { urgent: false })).delayMs).toBeLessThan(5_100);
  });

  it('when a message counts against its number and its provider account, then it waits for the busier', async () => {
    const p = fresh();
    const defaults = { ...DEFAULTS, smsProviderAccount: 2 };
    const a = pacePlan(defaults, { channel: 'sms', sender: '+14155550100', segments: 1 }, 100);
    const b = pacePlan(defaults, { channel: 'sms', sender: '+14155550101', segments: 1 }, 100);
    expect(a.lanes.map((lane) => lane.key)).toEqual(['sms:sender:+14155550100', 'sms:provider']);
    await p.reserve(a, { urgent: false });
    await p.reserve(a, { urgent: false });
    // Another number, but the account's 2 a second are taken for the next second.
    expect((await p.reserve(b, { urgent: false })).delayMs).toBeGreaterThan(900);
  });

  it('when a message counts against no capped lane, then it goes now', async () => {
    const p = fresh();
    const plan = pacePlan(DEFAULTS, { channel: 'email', sender: null, segments: null });
    expect(plan.lanes).toEqual([]);
    expect(await p.reserve(plan, { urgent: false })).toEqual({ reserved: true, delayMs: 0 });
  });

  it('knows a toll-free number by its area code', () => {
    expect(kindOfNumber('+18005550100')).toBe('toll_free');
    expect(kindOfNumber('+18885550100')).toBe('toll_free');
    expect(kindOfNumber('+14155550100')).toBe('long_code');
    expect(kindOfNumber('+447700900123')).toBe('long_code');
  });
});
