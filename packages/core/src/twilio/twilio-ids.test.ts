import { describe, expect, it } from 'vitest';
import { newId } from '../platform/ids.js';
import { messageIdOfSid, twilioAccountSid, twilioMessageSid } from './twilio-ids.js';

describe('Twilio-style SIDs', () => {
  it('a message id and its SM… SID are the same 128 bits, both ways', () => {
    for (let i = 0; i < 50; i++) {
      const id = newId('msg');
      const sid = twilioMessageSid(id);
      expect(sid).toMatch(/^SM[0-9a-f]{32}$/);
      expect(messageIdOfSid(sid)).toBe(id);
    }
    expect(twilioMessageSid('msg_00000000000000000000000000')).toBe(`SM${'0'.repeat(32)}`);
  });

  it('an account SID is derived from the key id: stable, and one per key', () => {
    expect(twilioAccountSid('key_01JD2W5X6Y7Z8A9B0C1D2E3F4G')).toBe(
      twilioAccountSid('key_01JD2W5X6Y7Z8A9B0C1D2E3F4G'),
    );
    expect(twilioAccountSid('key_01JD2W5X6Y7Z8A9B0C1D2E3F4G')).not.toBe(
      twilioAccountSid('key_01JD2W5X6Y7Z8A9B0C1D2E3F4H'),
    );
    expect(twilioAccountSid('key_01JD2W5X6Y7Z8A9B0C1D2E3F4G')).toMatch(/^AC[0-9a-f]{32}$/);
  });
});
