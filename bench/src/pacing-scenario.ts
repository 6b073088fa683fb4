import { newId } from '@herald/core';
import { sql } from 'kysely';
import type { BenchEnv } from './bench-env.js';
import { percentile, round } from './load.js';
import { sleep } from './processes.js';
import { postBatch } from './scenarios.js';

/** Pacing and fairness (ADR 28): what one run measures. */
export type PacingResult = {
  /** The campaign number's cap, in segments (here messages of one segment) a second. */
  capPerSecond: number;
  campaignMessages: number;
  /** The campaign's rate at the local Twilio server, between 10 % and 90 % of it. */
  measuredPerSecond: number;
  /** measured ÷ cap. */
  capRatio: number;
  /** One-time codes from another number, client → provider, with nothing else going on. */
  otpIdle: { sent: number; p50Ms: number; p99Ms: number };
  /** The same while the campaign's backlog drains. */
  otpDuringCampaign: { sent: number; p50Ms: number; p99Ms: number };
};

export type PacingPlan = { campaign: number; capPerSecond: number; otpSeconds: number };

const CAMPAIGN_FROM = '+14155550177';
const OTP_FROM = '+14155550178';
/** One-time codes a second during each measurement: a busy login page. */
const OTP_RATE = 5;

/**
 * A campaign of `plan.campaign` SMS on one number capped at `plan.capPerSecond`, and one-time
 * codes from another number sent while it drains, against the same codes on an idle system.
 * Both numbers are the bench account's, verified; the worker must be running.
 */
export async function runPacing(
  env: BenchEnv,
  api: string,
  plan: PacingPlan,
  log: (line: string) => void,
): Promise<PacingResult> {
  await holdNumber(env, CAMPAIGN_FROM, plan.capPerSecond);
  // The codes' own number never holds them back: its cap is far above their rate.
  await holdNumber(env, OTP_FROM, 1000);
  const received = env.sinks.twilio.received;
  received.length = 0;

  const otpIdle = await sendCodes(env, api, plan.otpSeconds, 'idle');
  log(`pacing: one-time codes alone p50 ${otpIdle.p50Ms} ms, p99 ${otpIdle.p99Ms} ms`);

  await sendCampaign(env, api, plan.campaign);
  const otpDuringCampaign = await sendCodes(env, api, plan.otpSeconds, 'busy');
  log(
    `pacing: one-time codes during the campaign p50 ${otpDuringCampaign.p50Ms} ms, p99 ${otpDuringCampaign.p99Ms} ms`,
  );
  const deadline = Date.now() + (plan.campaign / plan.capPerSecond) * 1000 * 2 + 60_000;
  const campaignTimes = () =>
    received.filter((sms) => sms.from === CAMPAIGN_FROM).map((sms) => sms.receivedAt.getTime());
  while (campaignTimes().length < plan.campaign && Date.now() < deadline) await sleep(500);
  const times = campaignTimes().sort((a, b) => a - b);
  const from = times[Math.floor(times.length * 0.1)] ?? 0;
  const to = times[Math.floor(times.length * 0.9) - 1] ?? 0;
  const measuredPerSecond =
    to > from
      ? round(
          (Math.floor(times.length * 0.9) - 1 - Math.floor(times.length * 0.1)) /
            ((to - from) / 1000),
        )
      : 0;
  log(`pacing: campaign at ${measuredPerSecond} msg/s against a cap of ${plan.capPerSecond}`);
  received.length = 0;
  return {
    capPerSecond: plan.capPerSecond,
    campaignMessages: plan.campaign,
    measuredPerSecond,
    capRatio: round(measuredPerSecond / plan.capPerSecond),
    otpIdle,
    otpDuringCampaign,
  };
}

/** The bench account holds `number` verified, with its own cap (as `PATCH` would set it). */
async function holdNumber(env: BenchEnv, number: string, perSecond: number): Promise<void> {
  await sql`
    insert into inbound_numbers (id, account_id, number, status, verified_at, verified_by, max_per_second)
    values (${newId('num')}, ${env.accountId}, ${number}, 'verified', now(), 'operator', ${perSecond})
    on conflict (account_id, number) do update set max_per_second = excluded.max_per_second`.execute(
    env.stores.account,
  );
}

async function sendCampaign(env: BenchEnv, api: string, total: number): Promise<void> {
  for (let start = 0; start < total; start += 100) {
    const messages = Array.from({ length: Math.min(100, total - start) }, (_, k) => ({
      channel: 'sms',
      to: '+14155550100',
      from: CAMPAIGN_FROM,
      body: `campaign ${start + k}`,
    }));
    await postBatch(env, api, messages);
  }
}

/** `OTP_RATE` codes a second for `seconds`, each timed from its request to the provider's receipt. */
async function sendCodes(env: BenchEnv, api: string, seconds: number, tag: string) {
  const received = env.sinks.twilio.received;
  const marker = `otp-${tag}-${Math.random().toString(36).slice(2, 8)}`;
  const sends: Array<Promise<unknown>> = [];
  const started = Date.now();
  for (let i = 0; i < seconds * OTP_RATE; i++) {
    await sleep(Math.max(0, started + (i * 1000) / OTP_RATE - Date.now()));
    sends.push(
      fetch(`${api}/v1/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${env.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: 'sms',
          to: '+14155550199',
          from: OTP_FROM,
          body: `${marker} ${Date.now()}`,
        }),
      }).then((res) => res.arrayBuffer()),
    );
  }
  await Promise.all(sends);
  const mine = () => received.filter((sms) => sms.body.startsWith(`${marker} `));
  const deadline = Date.now() + 60_000;
  while (mine().length < sends.length && Date.now() < deadline) await sleep(100);
  const latencies = mine().map((sms) => sms.receivedAt.getTime() - Number(sms.body.split(' ')[1]));
  return {
    sent: sends.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}
