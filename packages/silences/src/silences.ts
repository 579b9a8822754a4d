// Alertmanager's silences (silence/silence.go) shared by every Tocsin process through
// Redis. Writes go straight to Redis in one script each; reads and mutes() use this
// process's cache, which follows the store over pub/sub.

import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Matcher } from '@tocsin/matchers';
import type { GettableSilence, LabelNameMode, SilenceState } from '@tocsin/model';
import { type LogSink, silentLogger } from '@tocsin/runtime';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { SilenceInternalError, SilenceNotFoundError } from './errors.js';
import { type SilenceKeys, silenceKeys, silencesChangedChannel } from './keys.js';
import { gcScript, writeScript } from './redis-scripts.js';
import { decodePostableSilence } from './silence-body.js';
import { parseRecord, SilenceCache, silenceMatches } from './silence-cache.js';
import { SilenceMetrics } from './silence-metrics.js';
import {
  canUpdate,
  compareForList,
  expiredRecord,
  matchesFilter,
  type SilenceDraft,
  type SilenceRecord,
  silenceState,
  toGettable,
} from './silence-state.js';
import { validatePostable } from './silence-validation.js';

/** Alertmanager's --data.retention default. */
export const DEFAULT_RETENTION_MS = 120 * 60 * 60 * 1000;

const MAX_WRITE_ATTEMPTS = 10;

export interface SilencesOptions {
  /** Key prefix shared by the whole stack (default `tocsin`). */
  prefix?: string;
  /** How long a silence is kept after it ended (Alertmanager: --data.retention, 120h). */
  retentionMs?: number;
  now?: () => number;
  logger?: LogSink;
  /** Registry for Alertmanager's silence metrics. */
  meter?: Registry;
  /** Label names accepted in matchers: any UTF-8 (Alertmanager ≥0.27 default) or classic. */
  labelNameMode?: LabelNameMode;
  /** Connection name of the subscriber (CLIENT LIST); unique per instance by default. */
  subscriberName?: string;
  /** When set, start() runs gc() at this interval (Alertmanager: --data.maintenance-interval, 15m). */
  maintenanceIntervalMs?: number;
}

export interface ListOptions {
  /** Exact-matcher filter (see matchesFilter); all must be found. */
  filter?: readonly Matcher[];
  /** States to return; all when absent, none when empty. */
  states?: readonly SilenceState[];
}

interface Write {
  /** Logged as Alertmanager's --log.silences does. */
  event: 'Create silence' | 'Update silence' | 'Expire silence';
  id: string;
  /** The raw record read before deciding; '' when the id must not exist yet. */
  expected: string;
  record: SilenceRecord;
}

export class Silences {
  private readonly redis: Redis;
  private readonly keys: SilenceKeys;
  private readonly channel: string;
  private readonly retentionMs: number;
  private readonly now: () => number;
  private readonly logger: LogSink;
  private readonly labelNameMode: LabelNameMode;
  private readonly maintenanceIntervalMs: number;
  private readonly cache: SilenceCache;
  private readonly metrics: SilenceMetrics;
  private maintenanceTimer: NodeJS.Timeout | undefined;
  readonly subscriberName: string;

  constructor(redis: Redis, options: SilencesOptions = {}) {
    const prefix = options.prefix ?? 'tocsin';
    this.redis = redis;
    this.keys = silenceKeys(prefix);
    this.channel = silencesChangedChannel(prefix);
    this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger;
    this.labelNameMode = options.labelNameMode ?? 'utf8';
    this.maintenanceIntervalMs = options.maintenanceIntervalMs ?? 0;
    this.subscriberName =
      options.subscriberName ??
      `${prefix}:silences:${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.metrics = new SilenceMetrics(options.meter, {
      byState: () => this.countByState(),
      size: () => this.cache.size,
    });
    this.cache = new SilenceCache(redis, {
      keys: this.keys,
      channel: this.channel,
      subscriberName: this.subscriberName,
      logger: this.logger,
      onCompileError: () => this.metrics.matcherCompileErrors.inc({ stage: 'index' }),
    });
  }

  /** Loads all silences and follows changes; mutes() needs it. */
  async start(): Promise<void> {
    await this.cache.start();
    if (this.maintenanceIntervalMs > 0 && !this.maintenanceTimer) {
      this.maintenanceTimer = setInterval(() => void this.maintain(), this.maintenanceIntervalMs);
      this.maintenanceTimer.unref();
    }
  }

  stop(): void {
    clearInterval(this.maintenanceTimer);
    this.maintenanceTimer = undefined;
    this.cache.stop();
  }

  /** The store version the cache holds (undefined before the first load). */
  get version(): number | undefined {
    return this.cache.version;
  }

  /**
   * POST /api/v2/silences: creates a silence, or updates the one with `id` in place when
   * Alertmanager allows that (canUpdate); otherwise creates a new one and expires the old.
   * Throws SilenceParseError/SilenceSchemaError/SilenceValidationError/SilenceNotFoundError.
   */
  async set(input: unknown): Promise<{ id: string }> {
    const decoded = decodePostableSilence(input);
    const draft = validatePostable(decoded, this.now(), this.labelNameMode);
    const id = await this.writeWithRetry(async () => {
      const now = this.now();
      if (draft.id === '') return this.createWrites(draft, undefined, now);
      const raw = await this.redis.hget(this.keys.data, draft.id);
      const prev = raw === null ? undefined : parseRecord(raw);
      if (raw === null || !prev) throw new SilenceNotFoundError();
      if (canUpdate(prev, draft, now)) {
        const record: SilenceRecord = { ...draft, id: prev.id, updatedAt: now };
        return { id: prev.id, writes: [{ event: 'Update silence', id: prev.id, expected: raw, record }] };
      }
      return this.createWrites(draft, { raw, record: prev }, now);
    });
    return { id };
  }

  /** DELETE /api/v2/silence/{id}: ends it now; a no-op when it has already expired. */
  async expire(id: string): Promise<void> {
    await this.writeWithRetry(async () => {
      const raw = await this.redis.hget(this.keys.data, id);
      const prev = raw === null ? undefined : parseRecord(raw);
      if (raw === null || !prev) throw new SilenceNotFoundError();
      const record = expiredRecord(prev, this.now());
      return { id, writes: record ? [{ event: 'Expire silence', id, expected: raw, record }] : [] };
    });
  }

  /** GET /api/v2/silence/{id}; undefined when unknown. */
  async get(id: string): Promise<GettableSilence | undefined> {
    return this.query(async () => {
      const entry = this.cache.get(id);
      return entry ? toGettable(entry.record, this.now()) : undefined;
    });
  }

  /** GET /api/v2/silences, in Alertmanager's order. */
  async list(options: ListOptions = {}): Promise<GettableSilence[]> {
    return this.query(async () => {
      const now = this.now();
      const { filter = [], states } = options;
      const records: SilenceRecord[] = [];
      for (const { record } of this.cache.values()) {
        if (states && !states.includes(silenceState(record, now))) continue;
        if (!matchesFilter(record, filter)) continue;
        records.push(record);
      }
      return records.sort((a, b) => compareForList(a, b, now)).map((r) => toGettable(r, now));
    });
  }

  /**
   * Ids (sorted) of the silences active at `now` that mute this label set. Reads only the
   * cache: changes from other processes arrive with their pub/sub message.
   */
  mutes(labels: Readonly<Record<string, string>>, now: number = this.now()): string[] {
    if (this.cache.version === undefined) throw new Error('Silences.start() must be called before mutes()');
    const started = performance.now();
    this.metrics.queries.inc();
    const ids: string[] = [];
    for (const entry of this.cache.values()) {
      if (silenceState(entry.record, now) === 'active' && silenceMatches(entry, labels))
        ids.push(entry.record.id);
    }
    this.metrics.queryDuration.observe((performance.now() - started) / 1000);
    return ids.sort();
  }

  /** Deletes the silences whose endsAt + retention is not after `now`; returns how many. */
  async gc(now: number = this.now()): Promise<number> {
    const end = this.metrics.gcDuration.startTimer();
    try {
      const n = await gcScript.run(this.redis, this.scriptKeys(), [this.channel, now]);
      if (n > 0) await this.refreshAfterWrite();
      return n;
    } catch (err) {
      this.metrics.gcErrors.inc();
      throw err;
    } finally {
      end();
    }
  }

  private async maintain(): Promise<void> {
    this.metrics.maintenance.inc();
    try {
      const n = await this.gc();
      if (n > 0) this.logger.info({ removed: n }, 'Silence GC');
    } catch (err) {
      this.metrics.maintenanceErrors.inc();
      this.logger.error({ err: (err as Error).message }, 'Silence maintenance failed');
    }
  }

  // A new id; the previous silence (if still pending or active) is expired in the same script.
  private createWrites(
    draft: SilenceDraft,
    prev: { raw: string; record: SilenceRecord } | undefined,
    now: number,
  ): { id: string; writes: Write[] } {
    const id = randomUUID();
    const record: SilenceRecord = { ...draft, id, startsAt: Math.max(draft.startsAt, now), updatedAt: now };
    const writes: Write[] = [{ event: 'Create silence', id, expected: '', record }];
    const expired = prev && expiredRecord(prev.record, now);
    if (prev && expired) {
      writes.push({ event: 'Expire silence', id: prev.record.id, expected: prev.raw, record: expired });
    }
    return { id, writes };
  }

  // Plans and runs a write until nobody changed what the plan was based on.
  private async writeWithRetry(plan: () => Promise<{ id: string; writes: Write[] }>): Promise<string> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const { id, writes } = await plan();
      if (writes.length === 0) return id;
      const args: (string | number)[] = [this.channel];
      for (const w of writes) {
        args.push(w.id, w.expected, JSON.stringify(w.record), w.record.endsAt + this.retentionMs);
      }
      const version = await writeScript.run(this.redis, this.scriptKeys(), args);
      if (version < 0) continue;
      for (const w of writes) this.logger.info({ id: w.id, version }, w.event);
      await this.refreshAfterWrite();
      return id;
    }
    throw new SilenceInternalError('silence changed concurrently too often, try again');
  }

  // Read-your-writes in this process. The write itself succeeded, so a failed reload is
  // only logged (the next message or resubscribe catches up).
  private async refreshAfterWrite(): Promise<void> {
    try {
      await this.cache.refresh();
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'Reloading silences after a write failed');
    }
  }

  // Reads catch up with the store first (one GET), so an API read on any process sees a
  // write acknowledged by another one, even before its pub/sub message arrives.
  private async query<T>(read: () => Promise<T>): Promise<T> {
    const end = this.metrics.queryDuration.startTimer();
    this.metrics.queries.inc();
    try {
      const stored = Number((await this.redis.get(this.keys.version)) ?? 0);
      if (stored !== this.cache.version) await this.cache.refresh();
      return await read();
    } catch (err) {
      this.metrics.queryErrors.inc();
      throw err;
    } finally {
      end();
    }
  }

  private scriptKeys(): string[] {
    return [this.keys.data, this.keys.version, this.keys.expires];
  }

  private countByState(): Record<SilenceState, number> {
    const counts: Record<SilenceState, number> = { active: 0, pending: 0, expired: 0 };
    const now = this.now();
    for (const { record } of this.cache.values()) counts[silenceState(record, now)]++;
    return counts;
  }
}
