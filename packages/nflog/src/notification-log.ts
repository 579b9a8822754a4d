import { createHash } from 'node:crypto';
import type { IntegrationType } from '@tocsin/config';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { NflogEntry } from './needs-update.js';
import { NflogMetrics } from './nflog-metrics.js';

/** One log slot: Alertmanager's `<groupKey>:<receiver>/<integration>/<index>` state key. */
export interface NflogKey {
  groupKey: string;
  receiver: string;
  integration: IntegrationType | string;
  index: number;
}

export function stateKey(key: NflogKey): string {
  return `${key.groupKey}:${key.receiver}/${key.integration}/${key.index}`;
}

// Writes only when the stored entry is not newer (Alertmanager's clock-skew guard), and lets
// Redis expire the entry: retention costs no sweep.
const LOG_SCRIPT = `
local stored = redis.call('HGET', KEYS[1], 'ts')
if stored and tonumber(stored) > tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'ts', ARGV[1], 'entry', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

export interface NotificationLogOptions {
  prefix: string;
  /** `--data.retention`: the longest an entry is kept (default 120h). */
  retentionMs?: number;
  /** Where `alertmanager_nflog_*` are registered; no metrics when absent. */
  meter?: Registry;
}

/**
 * The notification log in Redis, shared by every dispatcher (which checks it at flush) and
 * every notifier (which checks it again just before sending and writes it only after a
 * successful send). One Redis hash per state key, expiring on its own.
 */
export class NotificationLog {
  private readonly prefix: string;
  private readonly retentionMs: number;
  private readonly metrics: NflogMetrics | undefined;

  constructor(
    private readonly redis: Redis,
    options: NotificationLogOptions,
  ) {
    this.prefix = options.prefix;
    this.retentionMs = options.retentionMs ?? 120 * 3600 * 1000;
    this.metrics = options.meter ? new NflogMetrics(options.meter) : undefined;
  }

  private redisKey(key: NflogKey): string {
    return `${this.prefix}:nflog:${createHash('sha1').update(stateKey(key)).digest('hex')}`;
  }

  async query(key: NflogKey): Promise<NflogEntry | undefined> {
    const [entry] = await this.queryMany([key]);
    return entry;
  }

  /** Several slots in one round trip (a flush asks for every integration of its receiver). */
  async queryMany(keys: readonly NflogKey[]): Promise<(NflogEntry | undefined)[]> {
    if (keys.length === 0) return [];
    this.metrics?.queries.inc(keys.length);
    const end = this.metrics?.queryDuration.startTimer();
    try {
      const pipeline = this.redis.pipeline();
      for (const key of keys) pipeline.hget(this.redisKey(key), 'entry');
      const results = (await pipeline.exec()) ?? [];
      return results.map(([err, raw]) => {
        if (err) throw err;
        return typeof raw === 'string' ? (JSON.parse(raw) as NflogEntry) : undefined;
      });
    } catch (err) {
      this.metrics?.queryErrors.inc(keys.length);
      throw err;
    } finally {
      end?.();
    }
  }

  /**
   * Records a successful notification. Kept for min(retention, 2 × repeat_interval), as
   * Alertmanager keeps it; returns false when a newer entry was already there.
   */
  async log(key: NflogKey, entry: NflogEntry, repeatIntervalMs: number): Promise<boolean> {
    const ttl = Math.max(1, Math.min(this.retentionMs, 2 * repeatIntervalMs));
    const written = await this.redis.eval(
      LOG_SCRIPT,
      1,
      this.redisKey(key),
      String(entry.timestamp),
      JSON.stringify(entry),
      String(ttl),
    );
    return written === 1;
  }
}
