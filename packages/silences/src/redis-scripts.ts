// The Lua scripts that change silences. Each write is one script, so checking what was read,
// writing, bumping the version and announcing the change happen atomically.

import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

// KEYS: data, version, expires. ARGV[1]: channel; then per silence: id, expected record
// ('' = must not exist), new record, expiresAt (ms). Returns the new version, or -1 when a
// record is not what the caller read (the caller reads again and retries).
const WRITE = `
for i = 2, #ARGV, 4 do
  local current = redis.call('HGET', KEYS[1], ARGV[i])
  if ARGV[i + 1] == '' then
    if current then return -1 end
  elseif current ~= ARGV[i + 1] then
    return -1
  end
end
for i = 2, #ARGV, 4 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2])
  redis.call('ZADD', KEYS[3], ARGV[i + 3], ARGV[i])
end
local version = redis.call('INCR', KEYS[2])
redis.call('PUBLISH', ARGV[1], version)
return version
`;

// KEYS: data, version, expires. ARGV[1]: channel, ARGV[2]: now (ms). Deletes every silence
// whose expiresAt is not after now; returns how many.
const GC = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', ARGV[2])
if #ids == 0 then return 0 end
for i = 1, #ids, 500 do
  local chunk = {unpack(ids, i, math.min(i + 499, #ids))}
  redis.call('HDEL', KEYS[1], unpack(chunk))
  redis.call('ZREM', KEYS[3], unpack(chunk))
end
local version = redis.call('INCR', KEYS[2])
redis.call('PUBLISH', ARGV[1], version)
return #ids
`;

class Script {
  private readonly sha: string;
  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<number> {
    try {
      return (await redis.evalsha(this.sha, keys.length, ...keys, ...args)) as number;
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return (await redis.eval(this.source, keys.length, ...keys, ...args)) as number;
    }
  }
}

export const writeScript = new Script(WRITE);
export const gcScript = new Script(GC);
