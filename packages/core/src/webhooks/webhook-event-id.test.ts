import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventRowIdOf, webhookEventId } from './webhook.js';

describe('webhook event ids', () => {
  const key = randomBytes(32);

  it('the same row always gets the same opaque id, and the id leads back to it', () => {
    for (const row of ['1', '11', '160', '9007199254740993', '9223372036854775807']) {
      const id = webhookEventId(key, row);
      expect(id).toMatch(/^evt_[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
      expect(webhookEventId(key, BigInt(row))).toBe(id);
      expect(eventRowIdOf(key, id)).toBe(row);
    }
  });

  it('neighbouring rows get unrelated ids, and another key other ids', () => {
    const ids = Array.from({ length: 50 }, (_, i) => webhookEventId(key, i + 1));
    expect(new Set(ids.map((id) => id.slice(4, 8))).size).toBeGreaterThan(40);
    expect([...ids].sort()).not.toEqual(ids);
    expect(webhookEventId(randomBytes(32), 1)).not.toBe(ids[0]);
  });

  it('an id Herald did not make leads nowhere; an old `evt_<row>` id still leads to its row', () => {
    expect(eventRowIdOf(key, `evt_${'0'.repeat(26)}`)).toBeNull();
    expect(eventRowIdOf(key, webhookEventId(randomBytes(32), 5))).toBeNull();
    expect(eventRowIdOf(key, 'evt_nope')).toBeNull();
    expect(eventRowIdOf(key, 'msg_01JD2W5X6Y7Z8A9B0C1D2E3F4G')).toBeNull();
    expect(eventRowIdOf(key, 'evt_11')).toBe('11');
  });
});
