import { GO_ZERO_TIME_MS } from '@tocsin/model';
import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix } from '@tocsin/test-support';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AlertStore } from './alert-store.js';
import { alertStoreKeys } from './keys.js';
import { MIN, makeAlert, recordCommands, T } from './store.fixture.js';

describe('AlertStore.gc and deleteIfNotModified', () => {
  const prefix = uniquePrefix('store-gc');
  const keys = alertStoreKeys(prefix);
  let redis: Redis;
  let other: Redis;
  let store: AlertStore;

  beforeAll(() => {
    redis = connectTestRedis();
    other = connectTestRedis();
    store = new AlertStore(redis, { prefix });
  });

  afterEach(async () => {
    await deleteKeysWithPrefix(redis, prefix);
  });

  afterAll(async () => {
    redis.disconnect();
    other.disconnect();
  });

  /** What the hash and the endsAt index hold, so both are checked. */
  async function stored(): Promise<{ data: string[]; ends: string[] }> {
    const data = (await redis.hkeys(keys.data)).sort();
    const ends = (await redis.zrange(keys.ends, '0', '-1')).sort();
    return { data, ends };
  }

  it('deletes alerts resolved at now - retention or earlier, and nothing else', async () => {
    const now = T + 60 * MIN;
    const a = (id: string, endsAt: number) => makeAlert({ id }, { startsAt: GO_ZERO_TIME_MS - MIN, endsAt });
    const old = a('old', T + 10 * MIN);
    const atCutoff = a('at-cutoff', T + 50 * MIN);
    const inGrace = a('in-grace', T + 50 * MIN + 1);
    const firing = a('firing', T + 120 * MIN);
    const unset = a('unset', GO_ZERO_TIME_MS); // never resolved
    const ancient = a('ancient', GO_ZERO_TIME_MS - 1); // set, and long past
    await store.put([old, atCutoff, inGrace, firing, unset, ancient], now);

    const deleted = await store.gc(now, 10 * MIN);
    expect(deleted.sort()).toEqual([old, atCutoff, ancient].map((x) => x.fingerprint).sort());
    const kept = [inGrace, firing, unset].map((x) => x.fingerprint).sort();
    expect(await stored()).toEqual({ data: kept, ends: kept });

    // With no grace, what is resolved at now goes too.
    expect(await store.gc(now, 0)).toEqual([inGrace.fingerprint]);
    expect(await store.gc(now, 0)).toEqual([]);
  });

  it('keeps resolved alerts for DEFAULT_RESOLVED_RETENTION_MS (30m) by default', async () => {
    const now = T + 60 * MIN;
    const due = makeAlert({ id: 'due' }, { endsAt: now - 30 * MIN });
    const young = makeAlert({ id: 'young' }, { endsAt: now - 30 * MIN + 1 });
    await store.put([due, young], now);
    expect(await store.gc(now)).toEqual([due.fingerprint]);
    expect(await store.get(young.fingerprint)).toEqual(young);
  });

  it('works in bounded batches through the index', async () => {
    const small = new AlertStore(redis, { prefix, gcBatchSize: 10 });
    const resolved = Array.from({ length: 25 }, (_, i) => makeAlert({ id: `r${i}` }, { endsAt: T + i }));
    const firing = makeAlert({ id: 'firing' }, { endsAt: T + 60 * MIN });
    await small.put([...resolved, firing], T);
    const log = recordCommands(redis);
    try {
      const deleted = await small.gc(T + 30 * MIN, 0);
      expect(deleted.sort()).toEqual(resolved.map((x) => x.fingerprint).sort());
      // 10 + 10 + 5: three script calls, each deleting at most gcBatchSize.
      expect(log.sent.map((c) => c.name)).toEqual(['evalsha', 'evalsha', 'evalsha']);
    } finally {
      log.restore();
    }
    expect(await stored()).toEqual({ data: [firing.fingerprint], ends: [firing.fingerprint] });
  });

  it('does not collect an alert that fired again after it resolved', async () => {
    const labels = { id: 'refire' };
    await store.put([makeAlert(labels, { startsAt: T, endsAt: T + 10 * MIN })], T);
    const refire = makeAlert(labels, {
      startsAt: T + 70 * MIN,
      endsAt: T + 80 * MIN,
      updatedAt: T + 70 * MIN,
    });
    await store.put([refire], T + 70 * MIN);
    expect(await store.gc(T + 70 * MIN, 0)).toEqual([]);
    expect(await store.get(refire.fingerprint)).toEqual(refire);
  });

  it('deleteIfNotModified deletes only alerts whose updatedAt is unchanged', async () => {
    const same = makeAlert({ id: 'same' });
    const updated = makeAlert({ id: 'updated' });
    await store.put([same, updated], T);
    const newer = makeAlert({ id: 'updated' }, { startsAt: T + MIN, updatedAt: T + MIN });
    await store.put([newer], T + MIN);
    const unknown = makeAlert({ id: 'unknown' });

    const deleted = await store.deleteIfNotModified([same, updated, unknown]);
    expect(deleted).toEqual([same.fingerprint]);
    expect(await store.get(updated.fingerprint)).toEqual({ ...newer, startsAt: T });
    expect(await stored()).toEqual({ data: [updated.fingerprint], ends: [updated.fingerprint] });
    expect(await store.deleteIfNotModified([])).toEqual([]);
  });

  it('deleteIfNotModified decides again on a record written between its read and its delete', async () => {
    const intruder = new AlertStore(other, { prefix });
    const first = makeAlert({ id: 'raced' });
    const bumped = makeAlert({ id: 'bumped' });
    await store.put([first, bumped], T);
    // Re-posts that land after the read: `raced` keeps its updatedAt (another ingest node in
    // the same millisecond), `bumped` gets a later one. Run after those writes, Alertmanager
    // deletes `raced` (updatedAt still equal) and keeps `bumped`.
    const again = makeAlert({ id: 'raced' }, { startsAt: T + MIN, annotations: { v: 'again' } });
    const later = makeAlert({ id: 'bumped' }, { startsAt: T + MIN, updatedAt: T + MIN });
    const log = recordCommands(redis);
    try {
      log.before('evalsha', () => intruder.put([again, later], T + MIN));
      expect(await store.deleteIfNotModified([first, bumped])).toEqual([first.fingerprint]);
      // The first script saw both revisions changed; `raced` was re-read and deleted.
      expect(log.sent.map((c) => c.name)).toEqual(['hmget', 'evalsha', 'hmget', 'evalsha']);
      expect(log.sent[2]?.args.slice(1)).toEqual([first.fingerprint, bumped.fingerprint]);
    } finally {
      log.restore();
    }
    expect(await store.get(bumped.fingerprint)).toEqual({ ...later, startsAt: T });
    expect(await stored()).toEqual({ data: [bumped.fingerprint], ends: [bumped.fingerprint] });
  });
});
