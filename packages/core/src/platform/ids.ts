import { randomFillSync } from 'node:crypto';
import { encodeTime, monotonicFactory, TIME_MAX } from 'ulid';

// ulid's default source asks the CSPRNG for one byte per character (16 calls an id); drawing
// from a pool refilled 4 KiB at a time keeps the same source at a fraction of the cost.
const pool = Buffer.alloc(4096);
let offset = pool.length;
function pooledRandom(): number {
  if (offset >= pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  return pool[offset++]! / 0x100;
}

const nextUlid = monotonicFactory(pooledRandom);

export type IdPrefix =
  | 'acc'
  | 'key'
  | 'msg'
  | 'req'
  | 'usr'
  | 'inv'
  | 'aud'
  | 'dec'
  | 'rev'
  | 'sup'
  | 'num'
  | 'pnc';

/** `msg_01J...`: a type prefix and a ULID, so ids sort by creation time and say what they name. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${nextUlid()}`;
}

/**
 * The first or the last id of a type that could have been made at `at`. A ULID starts with the
 * time it was made, so a range of times is a range of ids, which an index on the id walks
 * straight to (the lists' date filters).
 */
export function idAt(prefix: IdPrefix, at: Date, end: 'first' | 'last'): string {
  const ms = Math.min(Math.max(0, at.getTime()), TIME_MAX);
  return `${prefix}_${encodeTime(ms, 10)}${(end === 'first' ? '0' : 'Z').repeat(16)}`;
}
