import { randomFillSync } from 'node:crypto';
import { encodeTime, monotonicFactory, TIME_MAX, ulid } from 'ulid';

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
  | 'evt'
  | 'num'
  | 'pnc'
  | 'tpl'
  | 'pch'
  | 'pvd'
  | 'opr';

/** `msg_01J...`: a type prefix and a ULID, so ids sort by creation time and say what they name. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${nextUlid()}`;
}

/**
 * An id as it would have been made at `at`: for rows written now that stand for an earlier
 * moment (a seed, an import). The usage store keeps a message in the month its id names.
 */
export function newIdAt(prefix: IdPrefix, at: Date): string {
  return `${prefix}_${ulid(at.getTime())}`;
}

/**
 * How far a row's id time (the API's clock) and its `created_at` (the database's) may be apart:
 * a range of ids that stands for a range of times is this much wider on each side.
 */
export const ID_CLOCK_MARGIN_MS = 10 * 60_000;

/**
 * The first or the last id of a type that could have been made at `at`. A ULID starts with the
 * time it was made, so a range of times is a range of ids, which an index on the id walks
 * straight to (the lists' date filters).
 */
export function idAt(prefix: IdPrefix, at: Date, end: 'first' | 'last'): string {
  const ms = Math.min(Math.max(0, at.getTime()), TIME_MAX);
  return `${prefix}_${encodeTime(ms, 10)}${(end === 'first' ? '0' : 'Z').repeat(16)}`;
}
