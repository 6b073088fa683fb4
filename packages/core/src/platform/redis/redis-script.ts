import { createHash } from 'node:crypto';
import type { RedisClient } from './redis.js';

type Arg = string | number | Buffer;

/**
 * A Lua script run by its SHA1 (`EVALSHA`), as ioredis's `defineCommand` does, without binding
 * it to one client: the script's text crosses the wire and is hashed by Redis once per server,
 * not on every call. The scripts here run on every request or message (the rate limit, the
 * abuse counters), and on a small machine Redis shares the cores with everything else. A
 * server that does not know the script yet (new, restarted, flushed with SCRIPT FLUSH, or
 * another master of a cluster) answers NOSCRIPT; the call is then made with `EVAL`, which
 * also loads the script for the next one.
 */
export function redisScript(source: string) {
  const sha = createHash('sha1').update(source).digest('hex');
  return async (redis: RedisClient, numKeys: number, ...args: Arg[]): Promise<unknown> => {
    try {
      return await redis.evalsha(sha, numKeys, ...args);
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
      return redis.eval(source, numKeys, ...args);
    }
  };
}
