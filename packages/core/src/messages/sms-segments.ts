/*
 * SMS segments, counted the way carriers split and bill a message (and Twilio reports as
 * `num_segments`). A body made only of GSM 03.38 characters travels as 7-bit GSM: 160 septets
 * alone, 153 per part once it needs a concatenation header. Any other character makes the whole
 * message UCS-2: 70 UTF-16 units alone, 67 per part, so one emoji more than halves the room.
 * Carriers never split a character: an escaped GSM character (two septets) or a surrogate pair
 * (an emoji) that does not fit in a part's room starts the next part.
 */

// The GSM 03.38 basic table, and the extension table whose characters take an escape first.
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

export type SmsEncoding = 'GSM-7' | 'UCS-2';

const ROOM: Record<SmsEncoding, { single: number; part: number; unit: string }> = {
  'GSM-7': { single: 160, part: 153, unit: 'septets' },
  'UCS-2': { single: 70, part: 67, unit: 'UTF-16 units' },
};

/**
 * The most segments Herald sends one SMS as. Twilio caps a body at 1,600 characters, which in
 * GSM-7 is 11 segments, so every plain-text body Twilio takes is taken here; text in UCS-2 stops
 * at 737 UTF-16 units instead of running to 24 segments (or 48 for 1,600 emoji). See ADR 18.
 */
export const MAX_SMS_SEGMENTS = 11;

export type SmsSegmentCount = { encoding: SmsEncoding; segments: number };

/** Two passes over the text and no copies of it: a 12 MB body costs time, not memory. */
export function countSmsSegments(body: string): SmsSegmentCount {
  let gsm = true;
  for (const c of body) {
    if (!GSM_BASIC.has(c) && !GSM_EXTENDED.has(c)) {
      gsm = false;
      break;
    }
  }
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2';
  const room = ROOM[encoding];
  let total = 0;
  let segments = 1;
  let used = 0;
  for (const c of body) {
    // Two septets when escaped; two UTF-16 units outside the Basic Multilingual Plane.
    const cost = gsm ? (GSM_EXTENDED.has(c) ? 2 : 1) : c.length;
    total += cost;
    if (used + cost > room.part) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { encoding, segments: total <= room.single ? 1 : segments };
}

/** The count in words, for the error that refuses a body: "48 segments of UCS-2 (67 UTF-16 units each)". */
export function describeSegments({ encoding, segments }: SmsSegmentCount): string {
  const room = ROOM[encoding];
  return `${segments} segments of ${encoding} (${room.part} ${room.unit} each)`;
}
