// The store's Lua scripts. Every key they touch comes in KEYS (all share the `{alerts}`
// hash tag); ARGV carries fingerprints, revisions, records and scores. Lua never parses
// an alert's JSON: it reads a record's revision prefix and nothing else.

// Variadic calls are chunked so unpack() stays far below Lua's C-stack limit (about 8000).
const COMMON = `
local CHUNK = 1000
local function revision_of(record)
  if not record then return '' end
  return string.match(record, '^(%d+)|') or '?'
end
`;

/**
 * KEYS: data, ends, revision counter, write lock. ARGV: the caller's lock token ('' = none),
 * then per alert fingerprint, expected revision ('' = absent), JSON, endsAt.
 * Writes all records under one new revision when every stored revision is still the
 * expected one, releases the caller's lock and returns {'ok'}. Otherwise writes nothing
 * and returns {'conflict', fingerprint, current record ('' = none), ...} for those that
 * changed since the caller read them (so it can merge again without another read), or
 * {'locked'} while another writer holds the lock.
 */
export const PUT_RECORDS = `${COMMON}
local data, ends, lock = KEYS[1], KEYS[2], KEYS[4]
local holder = redis.call('GET', lock)
if holder and holder ~= ARGV[1] then return {'locked'} end
local conflicts = {'conflict'}
for first = 2, #ARGV, 4 * CHUNK do
  local fps = {}
  for i = first, math.min(#ARGV, first + 4 * CHUNK - 1), 4 do fps[#fps + 1] = ARGV[i] end
  local current = redis.call('HMGET', data, unpack(fps))
  for j = 1, #fps do
    local i = first + (j - 1) * 4
    if revision_of(current[j]) ~= ARGV[i + 1] then
      conflicts[#conflicts + 1] = ARGV[i]
      conflicts[#conflicts + 1] = current[j] or ''
    end
  end
end
if #conflicts > 1 then return conflicts end
local head = string.format('%d|', redis.call('INCR', KEYS[3]))
for first = 2, #ARGV, 4 * CHUNK do
  local fields, scored = {}, {}
  for i = first, math.min(#ARGV, first + 4 * CHUNK - 1), 4 do
    fields[#fields + 1] = ARGV[i]
    fields[#fields + 1] = head .. ARGV[i + 2]
    scored[#scored + 1] = ARGV[i + 3]
    scored[#scored + 1] = ARGV[i]
  end
  redis.call('HSET', data, unpack(fields))
  redis.call('ZADD', ends, unpack(scored))
end
if holder then redis.call('DEL', lock) end
return {'ok'}
`;

/** KEYS: write lock. ARGV: token. Deletes the lock if the token still holds it. */
export const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * KEYS: data, ends. ARGV: (min, max) endsAt score ranges. Returns fingerprint, record,
 * fingerprint, record, ... of the alerts whose endsAt lies in any range: one consistent
 * snapshot in one round trip.
 */
export const RECORDS_IN_RANGES = `${COMMON}
local data, ends = KEYS[1], KEYS[2]
local fps = {}
for r = 1, #ARGV, 2 do
  for _, fp in ipairs(redis.call('ZRANGE', ends, ARGV[r], ARGV[r + 1], 'BYSCORE')) do fps[#fps + 1] = fp end
end
local out = {}
for first = 1, #fps, CHUNK do
  local last = math.min(#fps, first + CHUNK - 1)
  local records = redis.call('HMGET', data, unpack(fps, first, last))
  for j = 1, last - first + 1 do
    if records[j] then
      out[#out + 1] = fps[first + j - 1]
      out[#out + 1] = records[j]
    end
  end
end
return out
`;

/**
 * KEYS: data, ends. ARGV: limit, then (min, max) endsAt score ranges. Deletes at most
 * `limit` alerts whose endsAt lies in the ranges and returns their fingerprints.
 */
export const DELETE_IN_RANGES = `${COMMON}
local data, ends = KEYS[1], KEYS[2]
local limit = tonumber(ARGV[1])
local victims = {}
for r = 2, #ARGV, 2 do
  if #victims >= limit then break end
  local found = redis.call('ZRANGE', ends, ARGV[r], ARGV[r + 1], 'BYSCORE', 'LIMIT', 0, limit - #victims)
  for _, fp in ipairs(found) do victims[#victims + 1] = fp end
end
for first = 1, #victims, CHUNK do
  local last = math.min(#victims, first + CHUNK - 1)
  redis.call('HDEL', data, unpack(victims, first, last))
  redis.call('ZREM', ends, unpack(victims, first, last))
end
return victims
`;

/**
 * KEYS: data, ends. ARGV: fingerprint, revision, ... Deletes each alert whose record still
 * has that revision (nobody wrote it since the caller read it). Returns {deleted, changed}:
 * the caller re-reads the changed ones and decides again.
 */
export const DELETE_UNCHANGED = `${COMMON}
local data, ends = KEYS[1], KEYS[2]
local deleted, changed = {}, {}
for i = 1, #ARGV, 2 do
  local current = revision_of(redis.call('HGET', data, ARGV[i]))
  if current == ARGV[i + 1] then
    redis.call('HDEL', data, ARGV[i])
    redis.call('ZREM', ends, ARGV[i])
    deleted[#deleted + 1] = ARGV[i]
  elseif current ~= '' then
    changed[#changed + 1] = ARGV[i]
  end
end
return {deleted, changed}
`;
