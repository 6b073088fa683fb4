import { describe, expect, it } from 'vitest';
import { isValidTwilioSignature, twilioSignature } from './twilio-signature.js';

/*
 * Twilio's documented example: auth token 12345, this URL and these fields of a voice webhook.
 * It is the one vector here this code did not produce, so the one that catches it being wrong
 * in a way that would still agree with itself (fields in another order, the query dropped).
 * Twilio's page has shown it with two callers over the years; the `twilio` package's own tests
 * use the first.
 */
const EXAMPLE_URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const example = (caller: string) => ({
  CallSid: 'CA1234567890ABCDE',
  Caller: caller,
  Digits: '1234',
  From: caller,
  To: '+18005551212',
});

describe("Twilio's X-Twilio-Signature", () => {
  it.each([
    ['+14158675309', 'RSOYDt4T1cUTdK1PDd93/VVr8B8='],
    ['+14158675310', 'GvWf1cFY/Q7PnoempGyD5oXAezc='],
  ])('for Twilio’s published example (Caller %s), then it is %s', (caller, expected) => {
    expect(twilioSignature('12345', EXAMPLE_URL, example(caller))).toBe(expected);
    expect(isValidTwilioSignature(['12345'], expected, EXAMPLE_URL, example(caller))).toBe(true);
  });

  it('when the fields come in another order, then the signature is the same', () => {
    const reversed = Object.fromEntries(Object.entries(example('+14158675309')).reverse());
    expect(twilioSignature('12345', EXAMPLE_URL, reversed)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
  });

  it('when a field, the URL or the token differ, then it is refused', () => {
    const signature = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';
    const fields = example('+14158675309');
    expect(
      isValidTwilioSignature(['12345'], signature, EXAMPLE_URL, { ...fields, Digits: '9' }),
    ).toBe(false);
    expect(isValidTwilioSignature(['12345'], signature, `${EXAMPLE_URL}&x=1`, fields)).toBe(false);
    expect(isValidTwilioSignature(['54321'], signature, EXAMPLE_URL, fields)).toBe(false);
    expect(isValidTwilioSignature([], signature, EXAMPLE_URL, fields)).toBe(false);
    expect(isValidTwilioSignature(['12345'], '', EXAMPLE_URL, fields)).toBe(false);
    expect(isValidTwilioSignature(['12345'], 'not base64 at all', EXAMPLE_URL, fields)).toBe(false);
  });

  it('when any of several tokens signed it (a primary and a backup account), then it is accepted', () => {
    const signature = twilioSignature('backup-token', EXAMPLE_URL, {});
    expect(
      isValidTwilioSignature(['primary-token', 'backup-token'], signature, EXAMPLE_URL, {}),
    ).toBe(true);
  });

  it('when Twilio signed the URL with its default port and it arrives without (or the reverse), then it is accepted', () => {
    const params = { MessageSid: 'SM1', MessageStatus: 'delivered' };
    const withPort = 'https://herald.example:443/v1/providers/twilio/status?message_id=msg_1';
    const without = 'https://herald.example/v1/providers/twilio/status?message_id=msg_1';
    expect(
      isValidTwilioSignature(['t'], twilioSignature('t', withPort, params), without, params),
    ).toBe(true);
    expect(
      isValidTwilioSignature(['t'], twilioSignature('t', without, params), withPort, params),
    ).toBe(true);
    const otherPort = 'https://herald.example:8443/v1/providers/twilio/status?message_id=msg_1';
    expect(
      isValidTwilioSignature(['t'], twilioSignature('t', otherPort, params), without, params),
    ).toBe(false);
  });

  it('a repeated field is signed once per distinct value, values in order', () => {
    expect(twilioSignature('t', 'https://h.example/', { A: ['2', '1', '2'] })).toBe(
      twilioSignature('t', 'https://h.example/', { A: '1A2' }),
    );
  });
});
