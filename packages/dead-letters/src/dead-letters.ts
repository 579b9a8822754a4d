import type { IntegrationType } from '@tocsin/config';
import { jobId, NOTIFY_JOB_OPTIONS, type NotifyJobData, notifyQueue } from '@tocsin/queues';
import { RedisScript } from '@tocsin/store';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { type DeadLetter, deadLetterOf, type FinalFailure } from './dead-letter.js';
import { type DeadLetterKeys, deadLetterKeys } from './keys.js';

// Removes one dead letter and keeps the per-integration count in step; shared by the scripts.
const REMOVE = `
local function remove(id)
  redis.call('ZREM', KEYS[2], id)
  local owner = redis.call('HGET', KEYS[4], id)
  if not owner then return 0 end
  redis.call('HDEL', KEYS[1], id)
  redis.call('HDEL', KEYS[4], id)
  local integration = string.match(owner, '^(%S+)')
  if redis.call('HINCRBY', KEYS[3], integration, -1) <= 0 then redis.call('HDEL', KEYS[3], integration) end
  return 1
end
`;

// Upserts a record (a re-run of the same failed job counts once), then trims what is past the
// retention: the writer trims, so retention costs no sweeper of its own.
const RECORD_SCRIPT = new RedisScript(`${REMOVE}
if redis.call('HSET', KEYS[4], ARGV[1], ARGV[3] .. ' ' .. ARGV[7]) == 1 then redis.call('HINCRBY', KEYS[3], ARGV[3], 1) end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[5], 'LIMIT', 0, tonumber(ARGV[6]))
for _, id in ipairs(old) do remove(id) end
return #old
`);

const TRIM_SCRIPT = new RedisScript(`${REMOVE}
local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, id in ipairs(old) do remove(id) end
return #old
`);

const DISCARD_SCRIPT = new RedisScript(`${REMOVE}
return remove(ARGV[1])
`);

/** At most this many expired records go per script run, so one write never blocks Redis long. */
const TRIM_BATCH = 100;
/** Ids read per round trip while listing. */
const LIST_CHUNK = 500;

/**
 * `--dead-letters.retention` default, 168h: a week, so a notification that failed on a Friday
 * evening is still there after the weekend and after a week's on-call handover; longer than
 * the notification log (120h) because a dead letter waits for a human, not for a timer.
 */
const DEFAULT_DEAD_LETTER_RETENTION_MS = 168 * 3600 * 1000;

/** BullMQ keeps a replay job as the dispatcher keeps a notify job. */
const REPLAY_JOB_OPTIONS = {
  ...NOTIFY_JOB_OPTIONS,
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 24 * 3600, count: 10_000 },
} as const;

export interface DeadLettersOptions {
  prefix: string;
  /** How long a dead letter is kept after its last failure; only writers need it. */
  retentionMs?: number;
}

export interface DeadLetterFilter {
  receiver?: string;
  integration?: string;
  /** Newest first, at most this many (default 100). */
  limit?: number;
}

export interface Replayed {
  deadLetter: DeadLetter;
  /** The new job in `queue`. */
  jobId: string;
  queue: string;
}

/**
 * Notifications that failed finally, one JSON record per dead letter in a Redis hash, ordered
 * by last failure. The notifier writes them; ingest lists, shows, discards and replays them.
 */
export class DeadLetters {
  readonly keys: DeadLetterKeys;
  private readonly prefix: string;
  private readonly retentionMs: number;

  constructor(
    private readonly redis: Redis,
    options: DeadLettersOptions,
  ) {
    this.prefix = options.prefix;
    this.keys = deadLetterKeys(options.prefix);
    this.retentionMs = options.retentionMs ?? DEFAULT_DEAD_LETTER_RETENTION_MS;
  }

  private get scriptKeys(): [string, string, string, string] {
    return [this.keys.data, this.keys.index, this.keys.counts, this.keys.owners];
  }

  /** Files a final failure (idempotent per failed job) and trims what is past the retention. */
  async record(failure: FinalFailure): Promise<DeadLetter> {
    const letter = deadLetterOf(failure);
    await RECORD_SCRIPT.run(this.redis, this.scriptKeys, [
      letter.id,
      JSON.stringify(letter),
      letter.integration,
      String(letter.lastFailedAt),
      String(failure.failedAt - this.retentionMs),
      String(TRIM_BATCH),
      letter.receiver,
    ]);
    return letter;
  }

  /** Removes every dead letter whose last failure is older than the retention; returns how many. */
  async trim(now = Date.now()): Promise<number> {
    let total = 0;
    for (;;) {
      const removed = Number(
        await TRIM_SCRIPT.run(this.redis, this.scriptKeys, [
          String(now - this.retentionMs),
          String(TRIM_BATCH),
        ]),
      );
      total += removed;
      if (removed < TRIM_BATCH) return total;
    }
  }

  async get(id: string): Promise<DeadLetter | undefined> {
    const raw = await this.redis.hget(this.keys.data, id);
    return raw === null ? undefined : (JSON.parse(raw) as DeadLetter);
  }

  /**
   * Newest first, optionally only one receiver's and/or one integration type's. Filters read the
   * small owner entries; whole records are read only for what is returned.
   */
  async list(filter: DeadLetterFilter = {}): Promise<DeadLetter[]> {
    const limit = filter.limit ?? 100;
    const filtered = filter.receiver !== undefined || filter.integration !== undefined;
    const out: DeadLetter[] = [];
    for (let start = 0; out.length < limit; start += LIST_CHUNK) {
      let ids = await this.redis.zrevrange(this.keys.index, start, start + LIST_CHUNK - 1);
      if (ids.length === 0) break;
      if (filtered) {
        const owners = await this.redis.hmget(this.keys.owners, ...ids);
        ids = ids.filter((_, i) => {
          const owner = owners[i];
          if (owner == null) return false;
          const space = owner.indexOf(' ');
          return (
            (filter.integration === undefined || owner.slice(0, space) === filter.integration) &&
            (filter.receiver === undefined || owner.slice(space + 1) === filter.receiver)
          );
        });
      }
      ids = ids.slice(0, limit - out.length);
      if (ids.length === 0) continue;
      for (const raw of await this.redis.hmget(this.keys.data, ...ids)) {
        if (raw !== null) out.push(JSON.parse(raw) as DeadLetter);
      }
    }
    return out;
  }

  /** Deletes a dead letter; false when there was none with this id. */
  async discard(id: string): Promise<boolean> {
    return Number(await DISCARD_SCRIPT.run(this.redis, this.scriptKeys, [id])) === 1;
  }

  /** Dead letters per integration type (types with none are absent). */
  async countByIntegration(): Promise<Record<string, number>> {
    const raw = await this.redis.hgetall(this.keys.counts);
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
  }

  /**
   * Enqueues the notification again on `notify.<integration>` under a fresh job id, marked as a
   * replay, and takes the dead letter off the list; if the replay fails finally it comes back
   * under the same id. Two replays racing for one letter share the job id, so one job runs.
   * Undefined when there is no dead letter with this id.
   */
  async replay(id: string, now = Date.now()): Promise<Replayed | undefined> {
    const letter = await this.get(id);
    if (!letter) return undefined;
    const replays = letter.replays + 1;
    const data: NotifyJobData = {
      ...letter.notification,
      replay: { deadLetterId: id, replayedAt: now, replays, firstFailedAt: letter.firstFailedAt },
    };
    const name = notifyQueue(letter.integration as IntegrationType);
    const queue = new Queue<NotifyJobData>(name, { connection: this.redis, prefix: this.prefix });
    const replayJobId = jobId('replay', id, replays);
    try {
      await queue.add('notify', data, { ...REPLAY_JOB_OPTIONS, jobId: replayJobId });
    } finally {
      await queue.close();
    }
    // After the add: a crash in between leaves the letter listed, and replaying it again adds
    // nothing new (same job id).
    await this.discard(id);
    return { deadLetter: letter, jobId: replayJobId, queue: name };
  }
}
