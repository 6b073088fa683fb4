import { describe, expect, it } from 'vitest';
import { deliveryErrorOfTwilioRefusal, twilioErrorCodeOf } from './twilio-error-codes.js';

describe("Twilio's error numbers and Herald's delivery errors", () => {
  it.each([
    [21211, 'invalid_recipient'],
    [21604, 'invalid_recipient'],
    [21612, 'invalid_recipient'],
    [21614, 'invalid_recipient'],
    [21610, 'recipient_unsubscribed'],
    [21602, undefined],
    [20003, undefined],
  ] as const)('a send Twilio refuses with %s is %s', (code, errorCode) => {
    expect(deliveryErrorOfTwilioRefusal(code)).toBe(errorCode);
  });

  const failed = (over: Partial<Parameters<typeof twilioErrorCodeOf>[0]>) =>
    twilioErrorCodeOf({ provider: 'smtp', providerErrorCode: null, errorCode: null, ...over });

  it('when Twilio (or its backup account) gave a number, then that number is shown', () => {
    expect(
      failed({ provider: 'twilio', providerErrorCode: '30005', errorCode: 'invalid_recipient' }),
    ).toBe(30005);
    expect(
      failed({
        provider: 'twilio-backup',
        providerErrorCode: '30007',
        errorCode: 'carrier_filtered',
      }),
    ).toBe(30007);
  });

  it.each([
    ['invalid_recipient', 21211],
    ['recipient_unsubscribed', 21610],
    ['recipient_suppressed', 21610],
    ['validity_expired', 30001],
    ['recipient_unreachable', 30003],
    ['carrier_filtered', 30007],
    ['content_unavailable', 30008],
  ])('else Herald’s %s is shown as Twilio’s %s', (errorCode, number) => {
    expect(failed({ errorCode })).toBe(number);
    expect(failed({ provider: 'twilio', providerErrorCode: 'ETIMEDOUT', errorCode })).toBe(number);
  });

  it('a message that did not fail has no number', () => {
    expect(failed({})).toBeNull();
  });
});
