import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

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
