import { describe, expect, it } from 'vitest';
import { abuseText } from './abuse-text.js';
import { matchesSpamPattern, spamPatterns } from './spam-patterns.js';

const sms = (body: string) => abuseText({ channel: 'sms', body });

describe('spam patterns', () => {
  it.each([
    ['prize_won', 'CONGRATULATIONS!!! You have   WON a $1000 gift card'],
    ['prize_won', "You've been selected for an exclusive reward"],
    ['claim_prize', 'Claim your prize before midnight'],
    ['free_money', 'Get FREE MONEY today, no strings attached'],
    ['crypto_giveaway', 'Elon’s Bitcoin giveaway: send 0.1 BTC and get 0.2 back'],
    ['crypto_giveaway', 'Official airdrop for all ETH holders'],
    [
      'urgent_verify_short_link',
      'URGENT: your bank account is locked. Verify now at https://bit.ly/3xYz',
    ],
    ['guaranteed_returns', 'Guaranteed returns of 20% a week'],
    ['loan_offer', 'You are pre-approved for a loan of $5000'],
  ])('%s matches "%s"', (name, text) => {
    const normalised = sms(text);
    expect(spamPatterns.find((p) => p.pattern.test(normalised))?.name).toBe(name);
  });

  it.each([
    'Your verification code is 123456',
    'Your order has shipped: https://shop.example.com/track/123',
    'Reminder: your appointment with Dr. Lee is tomorrow at 10:00',
    'Who won the game last night?',
    'We have verified your email address, welcome aboard',
    'Bitcoin price alert: BTC is up 5% today',
  ])('does not match "%s"', (text) => {
    expect(matchesSpamPattern(sms(text))).toBe(false);
  });
});

describe('abuseText', () => {
  it('normalises case, spacing and Unicode compatibility forms, so trivial variants are the same text', () => {
    expect(sms('  Hello\n\tWORLD  ')).toBe(sms('hello world'));
    // Full-width letters are a classic filter dodge; NFKC folds them.
    expect(sms('ＦＲＥＥ money')).toBe('free money');
  });

  it('reads an email’s subject and text, or its HTML without tags but with its link targets', () => {
    expect(abuseText({ channel: 'email', subject: 'Hi', text: 'Body', html: '<p>Other</p>' })).toBe(
      'hi body',
    );
    const html = abuseText({
      channel: 'email',
      subject: 'Urgent',
      html: '<p>Your account is <b>locked</b>: <a class="x" href="https://bit.ly/abc">verify</a></p>',
    });
    expect(html).toBe('urgent your account is locked : https://bit.ly/abc verify');
    expect(matchesSpamPattern(html)).toBe(true);
  });

  it('reads a push title and body, not its data', () => {
    expect(abuseText({ channel: 'push', title: 'Hi', body: 'There', data: { id: '42' } })).toBe(
      'hi there',
    );
  });

  it('reads at most the first 64 KiB, so a huge email costs no more than that', () => {
    const text = abuseText({ channel: 'email', subject: 's', text: 'a'.repeat(1_000_000) });
    expect(text.length).toBeLessThanOrEqual(64 * 1024);
  });
});
