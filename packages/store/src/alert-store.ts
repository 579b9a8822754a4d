import { randomUUID } from 'node:crypto';
import { type Matcher, matchesLabels } from '@tocsin/matchers';
import { type Alert, GO_ZERO_TIME_MS, mergeAlerts } from '@tocsin/model';
import type { Redis } from 'ioredis';
import { type AlertStoreKeys, alertStoreKeys } from './keys.js';
import {
  DELETE_IN_RANGES,
  DELETE_UNCHANGED,
  PUT_RECORDS,
  RECORDS_IN_RANGES,
  RELEASE_LOCK,
} from './lua-scripts.js';
import { decodeRecord, encodeAlert } from './record-codec.js';
import { RedisScript } from './redis-script.js';

/**
 * How long gc keeps a resolved alert by default. Alertmanager deletes resolved alerts on
 * its GC tick (`--alerts.gc-interval`, 30m), so one lingers there for up to 30 minutes; its
 * aggregation groups hold copies for the resolved notification. Tocsin's groups hold only
 * fingerprints and read the alerts from this store at flush time, so the dispatcher must
 * pass at least its longest group_interval plus retry time (or delete with
 * deleteIfNotModified once the resolved notification is out).
 */
export const DEFAULT_RESOLVED_RETENTION_MS = 30 * 60_000;

export interface AlertStoreOptions {
  /** Key prefix; every key is `<prefix>:{alerts}:...`. */
  prefix: string;
  /** Alerts deleted per gc script call: each call is atomic and blocks Redis only that long. */
  gcBatchSize?: number;
  /** Optimistic rounds per put / deleteIfNotModified before giving up with AlertStoreConflictError (default 50). */
  maxWriteAttempts?: number;
}

export interface ListOptions {
  now: number;
  /** ANDed; an absent label matches as "" (Alertmanager's filter semantics). */
  matchers?: readonly Matcher[];
}

/** A write lost the optimistic race `maxWriteAttempts` times in a row. */
export class AlertStoreConflictError extends Error {
  override readonly name = 'AlertStoreConflictError';
}

interface PendingWrite {
  /** Revision of the record the merge was based on; '' when there was none. */
  expected: string;
  alert: Alert;
  json: string;
}

/** Lost rounds after which a put takes the write lock. */
const LOCK_AFTER_ATTEMPTS = 3;
/** Lock lifetime should its holder die: longer than two round trips plus a merge by far. */
const LOCK_TTL_MS = 2000;

const putRecords = new RedisScript(PUT_RECORDS);
const releaseLock = new RedisScript(RELEASE_LOCK);
const recordsInRanges = new RedisScript(RECORDS_IN_RANGES);
const deleteInRanges = new RedisScript(DELETE_IN_RANGES);
const deleteUnchanged = new RedisScript(DELETE_UNCHANGED);

/** No pause after the first conflict, then up to 2, 4, ... 64 ms, uniformly random. */
function backOff(attempt: number): Promise<void> {
  if (attempt < 2) return Promise.resolve();
  const ms = Math.random() * 2 ** Math.min(attempt - 1, 6);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const byFingerprint = (a: Alert, b: Alert): number =>
  a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;

/** [fp, record, fp, record, ...] → decoded alerts. */
function decodePairs(flat: readonly string[]): Alert[] {
  const alerts: Alert[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    alerts.push(decodeRecord(flat[i] as string, flat[i + 1] as string).alert);
  }
  return alerts;
}

/**
 * Alertmanager's alert provider on Redis: one record per fingerprint, merged on put as
 * `provider/mem` merges, with an endsAt index for listing and garbage collection. Every
 * operation costs a fixed number of round trips, whatever the number of alerts.
 */
export class AlertStore {
  readonly keys: AlertStoreKeys;
  readonly #redis: Redis;
  readonly #gcBatchSize: number;
  readonly #maxWriteAttempts: number;
  readonly #putKeys: readonly string[];

  constructor(redis: Redis, options: AlertStoreOptions) {
    this.#redis = redis;
    this.keys = alertStoreKeys(options.prefix);
    this.#gcBatchSize = options.gcBatchSize ?? 1000;
    this.#maxWriteAttempts = options.maxWriteAttempts ?? 50;
    this.#putKeys = [this.keys.data, this.keys.ends, this.keys.revision, this.keys.lock];
  }

  /**
   * Merges each alert into the stored alert of its fingerprint (`mergeAlerts`: merge when
   * the activity ranges overlap, replace otherwise) and writes the whole batch atomically.
   * `alert.fingerprint` must be `fingerprint(alert.labels)`. Alerts sharing a fingerprint
   * are merged in batch order. Returns the alerts as stored, one per fingerprint, in order
   * of first appearance.
   *
   * Round trips: HMGET + one script. When another writer changed some of the records in
   * between, the script writes nothing and returns those records, which are merged again
   * and sent again (one more round trip each time, after a short random pause from the
   * second conflict on, so that writers racing for the same fingerprints fall out of step).
   * After LOCK_AFTER_ATTEMPTS lost rounds the put takes the store's write lock, which makes
   * every other put wait, so its next round succeeds: no put starves.
   */
  async put(alerts: readonly Alert[], now: number): Promise<{ stored: Alert[] }> {
    const incoming = new Map<string, Alert[]>();
    for (const alert of alerts) {
      const same = incoming.get(alert.fingerprint);
      if (same) same.push(alert);
      else incoming.set(alert.fingerprint, [alert]);
    }
    if (incoming.size === 0) return { stored: [] };

    const writes = new Map<string, PendingWrite>();
    const fps = [...incoming.keys()];
    const records = await this.#redis.hmget(this.keys.data, ...fps);
    let stale = fps.map((fp, i): [string, string | null] => [fp, records[i] ?? null]);
    let token = '';
    try {
      for (let attempt = 1; ; attempt++) {
        for (const [fp, record] of stale) {
          const existing = record === null ? undefined : decodeRecord(fp, record);
          let merged = existing?.alert;
          for (const alert of incoming.get(fp) ?? []) {
            merged = merged === undefined ? alert : mergeAlerts(merged, alert, now);
          }
          if (merged === undefined) continue; // unreachable: every fingerprint came with an alert
          writes.set(fp, { expected: existing?.revision ?? '', alert: merged, json: encodeAlert(merged) });
        }

        const args = [token];
        for (const [fp, w] of writes) args.push(fp, w.expected, w.json, String(w.alert.endsAt));
        const [status, ...changed] = (await putRecords.run(this.#redis, this.#putKeys, args)) as string[];
        if (status === 'ok') {
          token = ''; // the script released it
          return { stored: [...writes.values()].map((w) => w.alert) };
        }
        if (attempt >= this.#maxWriteAttempts) {
          throw new AlertStoreConflictError(
            `put of ${incoming.size} alerts lost to concurrent writers ${attempt} times`,
          );
        }
        // On a conflict the script sent the current records along: merge again without a read.
        stale = [];
        for (let i = 0; i + 1 < changed.length; i += 2) {
          stale.push([changed[i] as string, changed[i + 1] || null]);
        }
        if (status === 'locked') token = ''; // if we held it, it expired and was taken
        if (token === '' && attempt >= LOCK_AFTER_ATTEMPTS) token = await this.#tryLock();
        if (token === '') await backOff(attempt);
      }
    } finally {
      // Only after an error: a failed release is harmless, the lock expires on its own.
      if (token !== '') await releaseLock.run(this.#redis, [this.keys.lock], [token]).catch(() => undefined);
    }
  }

  /** The write lock's token, or '' when another writer holds it. */
  async #tryLock(): Promise<string> {
    const token = randomUUID();
    const ok = await this.#redis.set(this.keys.lock, token, 'PX', LOCK_TTL_MS, 'NX');
    return ok === 'OK' ? token : '';
  }

  async get(fingerprint: string): Promise<Alert | undefined> {
    const record = await this.#redis.hget(this.keys.data, fingerprint);
    return record == null ? undefined : decodeRecord(fingerprint, record).alert;
  }

  /** One HMGET; the result is aligned with `fingerprints` (undefined where none is stored). */
  async getMany(fingerprints: readonly string[]): Promise<(Alert | undefined)[]> {
    if (fingerprints.length === 0) return [];
    const records = await this.#redis.hmget(this.keys.data, ...fingerprints);
    return fingerprints.map((fp, i) => {
      const record = records[i];
      return record == null ? undefined : decodeRecord(fp, record).alert;
    });
  }

  /**
   * What GET /api/v2/alerts starts from: alerts not ended before `now` that match every
   * matcher, sorted by fingerprint. As in Alertmanager's API filter, an alert is hidden only
   * when endsAt is set and strictly before now (so endsAt == now is still listed, although
   * `isResolved` already calls it resolved). One script call over the endsAt index.
   */
  async list({ now, matchers = [] }: ListOptions): Promise<Alert[]> {
    const ranges = [String(now), '+inf'];
    // An unset endsAt (Go's zero time) is never resolved.
    if (GO_ZERO_TIME_MS < now) ranges.push(String(GO_ZERO_TIME_MS), String(GO_ZERO_TIME_MS));
    const flat = (await recordsInRanges.run(
      this.#redis,
      [this.keys.data, this.keys.ends],
      ranges,
    )) as string[];
    return decodePairs(flat)
      .filter((alert) => matchesLabels(matchers, alert.labels))
      .sort(byFingerprint);
  }

  /** Every stored alert, resolved ones included (the dispatcher's view), sorted by fingerprint. */
  async listAll(): Promise<Alert[]> {
    const records = await this.#redis.hgetall(this.keys.data);
    return Object.entries(records)
      .map(([fp, record]) => decodeRecord(fp, record).alert)
      .sort(byFingerprint);
  }

  /** Number of stored alerts, resolved ones not yet collected included. */
  async count(): Promise<number> {
    return this.#redis.hlen(this.keys.data);
  }

  /**
   * Deletes alerts resolved at `now - retentionMs` or earlier (endsAt set and not after
   * it), found through the endsAt index, `gcBatchSize` per atomic script call. Returns
   * the deleted fingerprints. See DEFAULT_RESOLVED_RETENTION_MS for the grace period.
   */
  async gc(now: number, retentionMs: number = DEFAULT_RESOLVED_RETENTION_MS): Promise<string[]> {
    const cutoff = now - retentionMs;
    const zero = GO_ZERO_TIME_MS;
    // Two ranges that leave out exactly the zero time (unset endsAt).
    const ranges = ['-inf', cutoff < zero ? String(cutoff) : `(${zero}`, `(${zero}`, String(cutoff)];
    const deleted: string[] = [];
    for (;;) {
      const batch = (await deleteInRanges.run(
        this.#redis,
        [this.keys.data, this.keys.ends],
        [String(this.#gcBatchSize), ...ranges],
      )) as string[];
      deleted.push(...batch);
      if (batch.length < this.#gcBatchSize) return deleted;
    }
  }

  /**
   * Alertmanager's `DeleteIfNotModified`: deletes each alert whose stored updatedAt equals
   * the given one. The comparison is made in TypeScript and the delete happens only if the
   * record was not written since it was read; a record written in between is re-read and
   * compared again, so the outcome is that of the delete running after that write. Returns
   * the deleted fingerprints. Two round trips, two more per round of interference.
   */
  async deleteIfNotModified(alerts: readonly Alert[]): Promise<string[]> {
    const given = new Map<string, number[]>();
    for (const alert of alerts) {
      const times = given.get(alert.fingerprint);
      if (times) times.push(alert.updatedAt);
      else given.set(alert.fingerprint, [alert.updatedAt]);
    }
    const deleted: string[] = [];
    let pending = [...given.keys()];
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === this.#maxWriteAttempts) {
        throw new AlertStoreConflictError(`deleteIfNotModified lost to concurrent writers ${attempt} times`);
      }
      const records = await this.#redis.hmget(this.keys.data, ...pending);
      const args: string[] = [];
      pending.forEach((fp, i) => {
        const record = records[i];
        if (record == null) return;
        const { revision, alert } = decodeRecord(fp, record);
        if (given.get(fp)?.includes(alert.updatedAt)) args.push(fp, revision);
      });
      if (args.length === 0) break;
      const [done, changed] = (await deleteUnchanged.run(
        this.#redis,
        [this.keys.data, this.keys.ends],
        args,
      )) as [string[], string[]];
      deleted.push(...done);
      pending = changed;
    }
    return deleted;
  }
}
