/**
 * Known spam patterns, matched against `abuseText` (lower case, spacing collapsed). Kept small
 * and readable on purpose: a match is one signal among several, never a verdict on its own, and
 * the owner is told the count, so every pattern must be one a person would call spam at sight.
 * The match runs in the worker on content in memory; only the count of matching messages is kept.
 */
export const spamPatterns: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  // "Congratulations, you have won…", "you've been selected…"
  { name: 'prize_won', pattern: /\byou(?:'ve| have|’ve)? (?:just )?(?:won|been selected)\b/ },
  // "Claim your prize / reward / gift now"
  {
    name: 'claim_prize',
    pattern: /\bclaim (?:your|the) (?:free )?(?:prize|reward|gift|winnings|cash)\b/,
  },
  // "free money", "free cash", "free gift card"
  { name: 'free_money', pattern: /\bfree (?:money|cash|bitcoin|crypto|gift ?cards?)\b/ },
  // "Bitcoin giveaway", "send 1 ETH and we double it", "USDT airdrop"
  {
    name: 'crypto_giveaway',
    pattern:
      /\b(?:btc|bitcoin|eth|ether(?:eum)?|crypto|usdt|doge(?:coin)?)\b.{0,60}?\b(?:giveaway|airdrop|double (?:it|your))\b|\b(?:giveaway|airdrop)\b.{0,60}?\b(?:btc|bitcoin|eth|ethereum|crypto|usdt)\b/,
  },
  // "Urgent: your account is locked, verify at bit.ly/…" (phishing hides behind link shorteners)
  {
    name: 'urgent_verify_short_link',
    pattern:
      /\b(?:urgent|immediately|suspended|locked|unusual activity|verify|confirm)\b.{0,120}?\b(?:bit\.ly|tinyurl\.com|t\.co|goo\.gl|is\.gd|cutt\.ly|rb\.gy|ow\.ly|shorturl\.at|tiny\.cc)\/\S/,
  },
  // "guaranteed income", "risk-free returns"
  {
    name: 'guaranteed_returns',
    pattern: /\b(?:guaranteed|risk[- ]free) (?:income|returns?|profits?)\b/,
  },
  // "you are pre-approved for a loan", "instant cash advance"
  {
    name: 'loan_offer',
    pattern: /\b(?:pre-?approved|instant) (?:for (?:a )?)?(?:loan|cash advance|credit line)\b/,
  },
];

/** True when the (normalised) text matches any known spam pattern. */
export function matchesSpamPattern(text: string): boolean {
  return spamPatterns.some(({ pattern }) => pattern.test(text));
}
