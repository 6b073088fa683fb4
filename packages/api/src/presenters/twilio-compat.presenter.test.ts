import { newId } from '@herald/core';
import { describe, expect, it } from 'vitest';
import {
  messageIdOfSid,
  segmentsOf,
  twilioAccountSid,
  twilioMessageSid,
} from './twilio-compat.presenter.js';

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

describe('num_segments', () => {
  it('counts GSM-7 in 160/153 and anything else in 70/67, extension characters as two', () => {
    expect(segmentsOf('a'.repeat(160))).toBe(1);
    expect(segmentsOf('a'.repeat(161))).toBe(2);
    expect(segmentsOf('€'.repeat(80))).toBe(1);
    expect(segmentsOf('€'.repeat(81))).toBe(2);
    expect(segmentsOf('é'.repeat(160))).toBe(1);
    expect(segmentsOf('ł'.repeat(70))).toBe(1);
    expect(segmentsOf('ł'.repeat(71))).toBe(2);
  });
});
