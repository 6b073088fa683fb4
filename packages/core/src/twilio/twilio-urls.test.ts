import { describe, expect, it } from 'vitest';
import { twilioInboundUrl, twilioRequestUrl, twilioStatusCallbackUrl } from './twilio-urls.js';

describe('the URLs Twilio calls Herald back at', () => {
  it('a status callback names the message, under the public URL with or without a trailing slash', () => {
    for (const publicUrl of ['https://herald.example', 'https://herald.example//'])
      expect(twilioStatusCallbackUrl(publicUrl, 'msg_01JD2W5X6Y7Z8A9B0C1D2E3F4G')).toBe(
        'https://herald.example/v1/providers/twilio/status?message_id=msg_01JD2W5X6Y7Z8A9B0C1D2E3F4G',
      );
    expect(twilioInboundUrl('https://herald.example/')).toBe(
      'https://herald.example/v1/providers/twilio/inbound',
    );
  });

  it('when a request arrives at the path and query Herald gave Twilio, then the rebuilt URL is the one it was given', () => {
    const publicUrl = 'https://herald.example/';
    const given = twilioStatusCallbackUrl(publicUrl, 'msg_1');
    const { pathname, search } = new URL(given);
    expect(twilioRequestUrl(publicUrl, `${pathname}${search}`)).toBe(given);
  });
});
