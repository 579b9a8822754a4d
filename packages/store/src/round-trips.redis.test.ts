import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix } from '@tocsin/test-support';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertStore } from './alert-store.js';
import { type CommandLog, MIN, makeAlert, recordCommands, T } from './store.fixture.js';

// The cost of an operation must not grow with its number of alerts: counted as the commands
// this connection sends (its sendCommand). MONITOR is not used: on a Redis shared with other
// tests it also carries their (binary BullMQ) traffic, which ioredis' monitor mode cannot parse.

describe('AlertStore round trips', () => {
  const prefix = uniquePrefix('store-trips');
  let redis: Redis;
  let log: CommandLog;
  let store: AlertStore;

  beforeAll(async () => {
    redis = connectTestRedis();
    await redis.ping();
    store = new AlertStore(redis, { prefix });
    await store.put([makeAlert({ warm: 'up' })], T); // the scripts are cached from here on
    log = recordCommands(redis);
  });

  afterAll(async () => {
    log.restore();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  /** Runs `action` and returns the names of the commands it sent. */
  async function commandsOf(action: () => Promise<unknown>): Promise<string[]> {
    log.reset();
    await action();
    return log.sent.map((c) => c.name);
  }

  const batch = (n: number, tag: string, over = {}) =>
    Array.from({ length: n }, (_, i) => makeAlert({ alertname: 'Trips', tag, i: String(i) }, over));

  it('a put costs HMGET + one script call for 1, 10 and 500 new alerts', async () => {
    for (const n of [1, 10, 500]) {
      const sent = await commandsOf(() => store.put(batch(n, `new${n}`), T));
      expect({ n, sent }).toEqual({ n, sent: ['hmget', 'evalsha'] });
    }
    expect(await store.count()).toBe(1 + 1 + 10 + 500);
  });

  it('so does a put of 500 alerts that all merge with stored ones', async () => {
    const again = batch(500, 'new500', { startsAt: T + MIN, updatedAt: T + MIN, annotations: { v: '2' } });
    expect(await commandsOf(() => store.put(again, T + MIN))).toEqual(['hmget', 'evalsha']);
    const [first] = await store.getMany([again[0]?.fingerprint ?? '']);
    expect(first).toEqual({ ...again[0], startsAt: T });
  });

  it('reads of many alerts are one command each', async () => {
    const fps = batch(500, 'new500').map((a) => a.fingerprint);
    expect(await commandsOf(() => store.getMany(fps))).toEqual(['hmget']);
    expect(await commandsOf(() => store.list({ now: T }))).toEqual(['evalsha']);
    expect(await commandsOf(() => store.listAll())).toEqual(['hgetall']);
    expect(await commandsOf(() => store.count())).toEqual(['hlen']);
  });

  it('deleteIfNotModified and gc of 500 alerts are a fixed number of commands', async () => {
    const tenNew = batch(10, 'new10');
    expect(await commandsOf(() => store.deleteIfNotModified(tenNew))).toEqual(['hmget', 'evalsha']);
    const resolved = batch(500, 'resolved', { endsAt: T + 1 });
    await store.put(resolved, T);
    const sent = await commandsOf(async () => {
      expect(await store.gc(T + MIN, 0)).toHaveLength(500);
    });
    expect(sent).toEqual(['evalsha']);
  });
  it("handles batches larger than the scripts' chunk of 1000 in the same number of commands", async () => {
    const big = batch(2500, 'big', { endsAt: T + 2 * MIN });
    const wide = new AlertStore(redis, { prefix, gcBatchSize: 5000 });
    expect(await commandsOf(() => wide.put(big, T))).toEqual(['hmget', 'evalsha']);
    expect(await wide.getMany(big.map((a) => a.fingerprint))).toEqual(big);
    const listed = await wide.list({ now: T + MIN });
    expect(listed.filter((a) => a.labels.tag === 'big')).toHaveLength(2500);
    let deleted: string[] = [];
    expect(
      await commandsOf(async () => {
        deleted = await wide.gc(T + 3 * MIN, 0);
      }),
    ).toEqual(['evalsha']);
    expect(deleted.sort()).toEqual(big.map((a) => a.fingerprint).sort());
    expect(await redis.zcard(wide.keys.ends)).toBe(await redis.hlen(wide.keys.data));
  });
});
