// This process's copy of all silences, with compiled matchers. It loads everything at
// start, again on every change message, and on every (re)subscribe: pub/sub drops
// messages while a subscriber is away, and the reload on resubscribe heals that.

import { Matcher, matchesLabels } from '@tocsin/matchers';
import type { LogSink } from '@tocsin/runtime';
import type { Redis } from 'ioredis';
import type { SilenceKeys } from './keys.js';
import type { SilenceRecord } from './silence-state.js';

export interface CachedSilence {
  readonly raw: string;
  readonly record: SilenceRecord;
  /** Undefined when a matcher does not compile: the silence is listed but mutes nothing. */
  readonly sets: readonly (readonly Matcher[])[] | undefined;
}

export interface SilenceCacheOptions {
  keys: SilenceKeys;
  channel: string;
  subscriberName: string;
  logger: LogSink;
  onCompileError: () => void;
}

/** Reads a stored record; undefined for anything that is not one. */
export function parseRecord(raw: string): SilenceRecord | undefined {
  try {
    const r = JSON.parse(raw) as Partial<SilenceRecord> | null;
    if (
      r === null ||
      typeof r.id !== 'string' ||
      !Array.isArray(r.matcherSets) ||
      typeof r.startsAt !== 'number' ||
      typeof r.endsAt !== 'number' ||
      typeof r.updatedAt !== 'number'
    ) {
      return undefined;
    }
    return {
      id: r.id,
      matcherSets: r.matcherSets,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      updatedAt: r.updatedAt,
      createdBy: r.createdBy ?? '',
      comment: r.comment ?? '',
      annotations: r.annotations ?? {},
    };
  } catch {
    return undefined;
  }
}

export class SilenceCache {
  private entries = new Map<string, CachedSilence>();
  private loadedVersion: number | undefined;
  private subscriber: Redis | undefined;
  private inFlight: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly options: SilenceCacheOptions,
  ) {}

  /** The store version of the last load; undefined before the first one. */
  get version(): number | undefined {
    return this.loadedVersion;
  }

  get size(): number {
    return this.entries.size;
  }

  values(): IterableIterator<CachedSilence> {
    return this.entries.values();
  }

  get(id: string): CachedSilence | undefined {
    return this.entries.get(id);
  }

  /** Subscribes on a connection of its own, then loads; resolves after the first load. */
  async start(): Promise<void> {
    if (this.subscriber) return;
    const subscriber = this.redis.duplicate({ connectionName: this.options.subscriberName });
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.options.channel) return;
      // The message is the version the change produced; our own writes are loaded already.
      if (this.loadedVersion !== undefined && Number(message) === this.loadedVersion) return;
      void this.refreshLogged('message');
    });
    // ioredis re-subscribes by itself after a reconnect and then emits 'ready' again.
    let connectedBefore = false;
    subscriber.on('ready', () => {
      if (connectedBefore) void this.resubscribed(subscriber);
      connectedBefore = true;
    });
    subscriber.on('error', (err: Error) =>
      this.options.logger.warn({ err: err.message }, 'Silence subscriber error'),
    );
    await subscriber.subscribe(this.options.channel);
    await this.refresh();
  }

  stop(): void {
    this.subscriber?.disconnect();
    this.subscriber = undefined;
  }

  private async resubscribed(subscriber: Redis): Promise<void> {
    try {
      // Once our own SUBSCRIBE is confirmed, no change after the reload can go unannounced.
      await subscriber.subscribe(this.options.channel);
    } catch (err) {
      this.options.logger.warn({ err: (err as Error).message }, 'Silence resubscribe failed');
      return;
    }
    this.options.logger.info({ channel: this.options.channel }, 'Silences resubscribed, reloading');
    await this.refreshLogged('resubscribe');
  }

  private async refreshLogged(reason: string): Promise<void> {
    try {
      await this.refresh();
    } catch (err) {
      this.options.logger.warn({ err: (err as Error).message, reason }, 'Reloading silences failed');
    }
  }

  /**
   * Loads all silences. Loads never overlap; a call made while one runs gets the next one,
   * which starts after it, so it sees every write that finished before the call.
   */
  refresh(): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.load().finally(() => {
        this.inFlight = undefined;
      });
      return this.inFlight;
    }
    this.queued ??= this.inFlight
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.refresh();
      });
    return this.queued;
  }

  private async load(): Promise<void> {
    const { keys } = this.options;
    const replies = await this.redis.multi().hgetall(keys.data).get(keys.version).exec();
    const [dataReply, versionReply] = replies ?? [];
    if (!dataReply || !versionReply || dataReply[0] || versionReply[0]) {
      throw dataReply?.[0] ?? versionReply?.[0] ?? new Error('silence load transaction aborted');
    }
    const data = dataReply[1] as Record<string, string>;
    const next = new Map<string, CachedSilence>();
    for (const [id, raw] of Object.entries(data)) {
      const known = this.entries.get(id);
      if (known?.raw === raw) {
        next.set(id, known); // unchanged: keep the compiled matchers
        continue;
      }
      const record = parseRecord(raw);
      if (!record) {
        this.options.logger.error({ id }, 'Ignoring an unreadable silence record');
        continue;
      }
      next.set(id, { raw, record, sets: this.compile(record) });
    }
    this.entries = next;
    this.loadedVersion = Number(versionReply[1] ?? 0);
  }

  private compile(record: SilenceRecord): Matcher[][] | undefined {
    try {
      return record.matcherSets.map((set) => set.map((m) => Matcher.create(m.type, m.name, m.value)));
    } catch (err) {
      this.options.onCompileError();
      this.options.logger.error(
        { id: record.id, err: (err as Error).message },
        'Failed to compile silence matchers',
      );
      return undefined;
    }
  }
}

/** Whether any matcher set of the silence matches the labels. */
export function silenceMatches(entry: CachedSilence, labels: Readonly<Record<string, string>>): boolean {
  return entry.sets?.some((set) => matchesLabels(set, labels)) === true;
}
