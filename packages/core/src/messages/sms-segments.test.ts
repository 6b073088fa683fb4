import { describe, expect, it } from 'vitest';
import { countSmsSegments, MAX_SMS_SEGMENTS } from './sms-segments.js';

const segments = (body: string) => countSmsSegments(body).segments;

describe('SMS segments', () => {
  it('counts GSM-7 in 160 alone and 153 per part, extension characters as two septets', () => {
    expect(countSmsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1 });
    expect(segments('a'.repeat(161))).toBe(2);
    expect(segments('a'.repeat(306))).toBe(2);
    expect(segments('a'.repeat(307))).toBe(3);
    expect(segments('€'.repeat(80))).toBe(1);
    expect(segments('€'.repeat(81))).toBe(2);
    expect(segments('é'.repeat(160))).toBe(1);
    expect(segments('a\n\r@£$¥^{}\\[~]|€')).toBe(1);
  });

  it('never splits an escaped character across two parts', () => {
    // 152 septets, then `€` (two): it does not fit in the first part's 153.
    expect(segments(`${'a'.repeat(152)}€${'a'.repeat(10)}`)).toBe(2);
    expect(segments(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toBe(3);
  });

  it('counts anything else as UCS-2 in UTF-16 units, 70 alone and 67 per part', () => {
    expect(countSmsSegments('ł'.repeat(70))).toEqual({ encoding: 'UCS-2', segments: 1 });
    expect(segments('ł'.repeat(71))).toBe(2);
    expect(segments('ł'.repeat(134))).toBe(2);
    expect(segments('ł'.repeat(135))).toBe(3);
    // One character outside GSM-7 makes the whole body UCS-2.
    expect(countSmsSegments(`${'a'.repeat(100)}😀`)).toEqual({ encoding: 'UCS-2', segments: 2 });
  });

  it('counts an emoji as two units and never splits its surrogate pair', () => {
    expect(segments('😀'.repeat(35))).toBe(1);
    expect(segments('😀'.repeat(36))).toBe(2);
    // 33 emoji fill 66 units of a part; the 34th does not fit in the one left.
    expect(segments('😀'.repeat(67))).toBe(3);
    expect(segments('😀'.repeat(1600))).toBe(49);
  });

  it('allows 11 segments: every GSM-7 body within Twilio’s 1,600 characters', () => {
    expect(MAX_SMS_SEGMENTS).toBe(11);
    expect(segments('a'.repeat(1600))).toBe(11);
    expect(segments('a'.repeat(11 * 153))).toBe(11);
    expect(segments('ł'.repeat(11 * 67))).toBe(11);
  });
});
