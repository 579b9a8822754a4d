// The aggregation groups' Lua scripts: each step that must not interleave with another
// dispatcher's is one script. Every key comes in KEYS and shares the `{groups}` hash tag
// (group-keys.ts). Member records are `<updatedAt>|<json>`; Lua reads only the prefix.

import { RedisScript } from '@tocsin/store';

/** How many trace links a group keeps for its next flush (the newest). */
export const MAX_LINKS = 32;

const COMMON = `
local function updated_of(record)
  if not record then return nil end
  return string.match(record, '^(%d+)|')
end
local function same_epoch(group, epoch)
  return redis.call('HGET', group, 'epoch') == epoch
end
`;

/**
 * Puts alerts into groups, creating the groups that do not exist yet.
 * KEYS: epoch counter, due index, then per entry the group hash, its members hash and, only
 * when ARGV[2] is not empty, its trace links list.
 * ARGV: now, trace context JSON ('' = not tracing), links TTL (ms), then per entry: group id,
 * fingerprint, updatedAt, record, group key, route id, receiver, group labels JSON, first-flush
 * offset (ms after the epoch).
 * A member is replaced only by a record at least as new (jobs may run out of order). A group
 * is created only when its hash does not exist, in this script, so concurrent dispatchers
 * agree on one epoch. A group that existed and gained or updated a member gets the trace
 * context once in its links list (newest MAX_LINKS kept): its next flush links to it. Returns
 * {group id, epoch, first due} for each group created.
 */
export const addMembersScript = new RedisScript(`${COMMON}
local now = tonumber(ARGV[1])
local carrier = ARGV[2]
local stride = carrier == '' and 2 or 3
local created, made, linked = {}, {}, {}
for i = 1, (#KEYS - 2) / stride do
  local k = 2 + (i - 1) * stride
  local group, members = KEYS[k + 1], KEYS[k + 2]
  local a = 4 + (i - 1) * 9
  if redis.call('EXISTS', group) == 0 then
    local epoch = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0') + 1)
    local first = string.format('%d', epoch + tonumber(ARGV[a + 8]))
    epoch = string.format('%d', epoch)
    redis.call('SET', KEYS[1], epoch)
    redis.call('HSET', group, 'key', ARGV[a + 4], 'route', ARGV[a + 5], 'receiver', ARGV[a + 6],
      'labels', ARGV[a + 7], 'epoch', epoch)
    redis.call('ZADD', KEYS[2], first, ARGV[a])
    created[#created + 1] = ARGV[a]
    created[#created + 1] = epoch
    created[#created + 1] = first
    made[ARGV[a]] = true
  end
  local old = updated_of(redis.call('HGET', members, ARGV[a + 1]))
  if not old or tonumber(old) <= tonumber(ARGV[a + 2]) then
    redis.call('HSET', members, ARGV[a + 1], ARGV[a + 3])
    -- A group created here has this trace as its first flush's parent: no link needed.
    if stride == 3 and not made[ARGV[a]] and not linked[ARGV[a]] then
      linked[ARGV[a]] = true
      redis.call('RPUSH', KEYS[k + 3], carrier)
      redis.call('LTRIM', KEYS[k + 3], -${MAX_LINKS}, -1)
      redis.call('PEXPIRE', KEYS[k + 3], ARGV[3])
    end
  end
end
return created
`);

/**
 * Starts tick `tick` of a group. KEYS: group, members, due index and, to take the trace links
 * too, the links list. ARGV: group id, epoch, tick, its due time, the next tick's due time,
 * current receiver.
 * {'gone'} when the group no longer exists with this epoch, {'stale'} when a later tick already
 * started; otherwise records the tick (a re-run of the same tick changes nothing) and returns
 * {'ok', group hash, members hash, links}, the links read and deleted in the same step as the
 * members, so they name exactly the additions this flush is the first to see.
 */
export const claimTickScript = new RedisScript(`${COMMON}
if not same_epoch(KEYS[1], ARGV[2]) then return {'gone'} end
local last = redis.call('HGET', KEYS[1], 'tick')
if last and tonumber(last) > tonumber(ARGV[3]) then return {'stale'} end
if not last or tonumber(last) < tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[1], 'tick', ARGV[3], 'at', ARGV[4], 'receiver', ARGV[6])
  redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
end
local links = {}
if KEYS[4] then
  links = redis.call('LRANGE', KEYS[4], 0, -1)
  redis.call('DEL', KEYS[4])
end
return {'ok', redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2]), links}
`);

/**
 * Records the end of a flush. KEYS: group. ARGV: epoch, tick, outcome JSON ('' = none),
 * mutedBy JSON, config hash. Ignored for another epoch or when a later flush already finished.
 */
export const finishFlushScript = new RedisScript(`${COMMON}
if not same_epoch(KEYS[1], ARGV[1]) then return 0 end
local flushed = redis.call('HGET', KEYS[1], 'flushed')
if flushed and tonumber(flushed) > tonumber(ARGV[2]) then return 0 end
if ARGV[3] == '' then
  redis.call('HDEL', KEYS[1], 'outcome')
else
  redis.call('HSET', KEYS[1], 'outcome', ARGV[3])
end
redis.call('HSET', KEYS[1], 'flushed', ARGV[2], 'mutedBy', ARGV[4], 'config', ARGV[5])
return 1
`);

/**
 * AM's DeleteIfNotModified with DestroyIfEmpty. KEYS: group, members, due index.
 * ARGV: group id, epoch, then fingerprint, updatedAt pairs. Removes each member still at that
 * updatedAt (a re-fired or re-posted alert stays), then deletes the group when no member is
 * left. Returns the members left (0: the group is gone), -1 for another epoch.
 */
export const removeMembersScript = new RedisScript(`${COMMON}
if not same_epoch(KEYS[1], ARGV[2]) then return -1 end
for i = 3, #ARGV, 2 do
  if updated_of(redis.call('HGET', KEYS[2], ARGV[i])) == ARGV[i + 1] then
    redis.call('HDEL', KEYS[2], ARGV[i])
  end
end
local left = redis.call('HLEN', KEYS[2])
if left == 0 then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[3], ARGV[1])
end
return left
`);

/** Deletes a group outright (its route is gone). KEYS: group, members, due index. ARGV: group id, epoch. */
export const dropGroupScript = new RedisScript(`${COMMON}
if not same_epoch(KEYS[1], ARGV[2]) then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('ZREM', KEYS[3], ARGV[1])
return 1
`);
