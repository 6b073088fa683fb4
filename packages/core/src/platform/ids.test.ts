import { decodeTime } from 'ulid';
import { describe, expect, it } from 'vitest';
import { idAt, newId } from './ids.js';

describe('ids', () => {
  it('a new id sorts between the first and the last id of its moment, and after every earlier moment’s', () => {
    const before = Date.now();
    const id = newId('msg');
    const after = Date.now();
    expect(decodeTime(id.slice(4))).toBeGreaterThanOrEqual(before);
    expect(idAt('msg', new Date(before), 'first') < id).toBe(true);
    expect(id < idAt('msg', new Date(after), 'last')).toBe(true);
    expect(idAt('msg', new Date(before - 1), 'last') < id).toBe(true);
  });

  it('a moment outside what a ULID can hold is clamped, not refused', () => {
    expect(idAt('msg', new Date(-1), 'first')).toBe(`msg_${'0'.repeat(26)}`);
    expect(idAt('msg', new Date(8.64e15), 'last')).toMatch(/^msg_7ZZZZZZZZZ/);
  });
});
