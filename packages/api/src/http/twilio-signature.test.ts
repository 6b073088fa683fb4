import { isValidTwilioSignature, twilioSignature } from '@herald/core';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';

/*
 * The API checks Twilio's signatures with core's implementation, not the `twilio` package's.
 * Here the package is the reference: both must sign alike and accept the same URLs.
 */
const TOKEN = 'f3c2a1b0e9d8c7b6a5f4e3d2c1b0a9f8';
const FIELDS: Array<Record<string, string | string[]>> = [
  {},
  { MessageSid: 'SM1', MessageStatus: 'delivered', ErrorCode: '' },
  { Body: 'Ça va? 👋 a+b=c & 100% "quoted"', From: '+14155550100', To: '+15005550006' },
  { MediaUrl0: 'https://example.com/a?b=c', Tags: ['b', 'a', 'b'] },
];
const URLS = [
  'https://herald.example/v1/providers/twilio/status?message_id=msg_01JD2W5X6Y7Z8A9B0C1D2E3F4G',
  'https://herald.example:443/v1/providers/twilio/inbound',
  'http://localhost:3000/v1/providers/twilio/inbound',
  'https://user:pass@herald.example/hook?a=1&b=it%27s&c=x y',
  'https://[2001:db8::1]:8443/v1/providers/twilio/inbound?x=1',
];

describe("core's Twilio signature agrees with the twilio package", () => {
  it.each(URLS.flatMap((url) => FIELDS.map((fields) => [url, fields] as const)))(
    'signing %s with %j',
    (url, fields) => {
      expect(twilioSignature(TOKEN, url, fields)).toBe(
        twilio.getExpectedTwilioSignature(TOKEN, url, fields),
      );
    },
  );

  it.each([
    ['https://herald.example/hook', 'https://herald.example:443/hook', true],
    ['https://herald.example:443/hook', 'https://herald.example/hook', true],
    ['http://herald.example/hook', 'http://herald.example:80/hook', true],
    ["https://herald.example/hook?q=it's", 'https://herald.example/hook?q=it%27s', true],
    // The package drops any port it receives, but adds only the default one.
    ['https://herald.example/hook', 'https://herald.example:8443/hook', true],
    ['https://herald.example:8443/hook', 'https://herald.example/hook', false],
    ['https://herald.example/hook', 'http://herald.example/hook', false],
    ['https://herald.example/hook?a=1', 'https://herald.example/hook?a=2', false],
  ])(
    'when %s was signed and %s received, then accepted is %s, as the package says',
    (signed, received, accepted) => {
      const fields = { MessageSid: 'SM1', MessageStatus: 'sent' };
      const signature = twilio.getExpectedTwilioSignature(TOKEN, signed, fields);
      expect(twilio.validateRequest(TOKEN, signature, received, fields)).toBe(accepted);
      expect(isValidTwilioSignature([TOKEN], signature, received, fields)).toBe(accepted);
    },
  );
});
