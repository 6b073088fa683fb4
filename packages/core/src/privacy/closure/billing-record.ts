/**
 * Billing and tax records of a closed account: message counts per month, channel and direction,
 * and nothing about recipients or content. Ten years is the longest statutory period for
 * accounting records among the places Herald is likely to run (Germany's §147 AO and §257 HGB,
 * France's Code de commerce L123-22), so one period serves every deployment.
 */
export const BILLING_KEEP_YEARS = 10;

/** Messages of one month (`YYYY-MM`, UTC), channel and direction. */
export type BillingTally = { month: string; channel: string; direction: string; messages: number };

/** The first month still inside the keeping period: older records are deleted. */
export function oldestKeptBillingMonth(now: Date): string {
  const year = now.getUTCFullYear() - BILLING_KEEP_YEARS;
  return `${year}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}
