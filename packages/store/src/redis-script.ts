import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script run with EVALSHA, falling back to EVAL (which also caches it) when the
 * server does not know it yet. Deliberately not `defineCommand`: the store must not add
 * methods to a connection it shares with other code (BullMQ registers its own there).
 */
export class RedisScript {
  readonly source: string;
  readonly sha1: string;

  constructor(source: string) {
    this.source = source;
    this.sha1 = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    // One array, not spread arguments: a big batch has tens of thousands of them.
    const keysAndArgs = [...keys, ...args];
    try {
      return await redis.evalsha(this.sha1, keys.length, keysAndArgs);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return redis.eval(this.source, keys.length, keysAndArgs);
    }
  }
}
