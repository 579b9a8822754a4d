import { type Alert, mergeAlerts } from '@tocsin/model';
import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix } from '@tocsin/test-support';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertStore } from './alert-store.js';
import { type CommandLog, MIN, makeAlert, recordCommands, T } from './store.fixture.js';

const HOUR = 60 * MIN;
const FINGERPRINTS = 8;
const WRITERS_PER_STORE = 4;
const PUTS_PER_WRITER = 25;

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('AlertStore under concurrent writers', () => {
  const prefix = uniquePrefix('store-race');
  let redisA: Redis;
  let redisB: Redis;
  const logs: CommandLog[] = [];

  beforeAll(() => {
    redisA = connectTestRedis();
    redisB = connectTestRedis();
  });

  afterAll(async () => {
    for (const log of logs) log.restore();
    await deleteKeysWithPrefix(redisA, prefix);
    redisA.disconnect();
    redisB.disconnect();
  });

  it('loses no update: the final state equals a sequential merge of every post', async () => {
    const random = prng(20240101);
    const labelSets = Array.from({ length: FINGERPRINTS }, (_, i) => ({ alertname: 'Race', n: String(i) }));
    const seeds = labelSets.map((l) =>
      makeAlert(l, { startsAt: T, endsAt: T + 10 * HOUR, annotations: { seq: 'seed' } }),
    );
    const now = T + HOUR;

    // Every post starts strictly inside the seed's range, so each one merges (never
    // replaces); startsAt is then the minimum, endsAt the maximum (all fire, none from
    // resolve_timeout) and the other fields come from the largest updatedAt, which is
    // unique. That makes the sequential result the same in every order, so the order the
    // two stores' writes actually took does not matter; a lost update shows as a smaller
    // endsAt or updatedAt.
    const batchCount = 2 * WRITERS_PER_STORE * PUTS_PER_WRITER;
    const batchSize = FINGERPRINTS + 4; // some fingerprints twice per batch
    const order = Array.from({ length: batchCount * batchSize }, (_, i) => i).sort(() => random() - 0.5);
    let next = 0;
    const batches: Alert[][] = Array.from({ length: batchCount }, () =>
      Array.from({ length: batchSize }, (_, j) => {
        const rank = order[next++] ?? 0;
        return makeAlert(labelSets[(j * 5 + Math.floor(random() * 3)) % FINGERPRINTS] ?? {}, {
          startsAt: T + 1 + Math.floor(random() * 30 * MIN),
          endsAt: T + 10 * HOUR + 1 + Math.floor(random() * 10 * HOUR),
          updatedAt: T + 1 + rank,
          annotations: { seq: String(rank) },
          generatorURL: `http://gen/${rank}`,
        });
      }),
    );

    const stores = [redisA, redisB].map((redis) => {
      logs.push(recordCommands(redis));
      return new AlertStore(redis, { prefix });
    });
    const [first] = stores;
    await first?.put(seeds, T);
    for (const log of logs) log.reset();

    // allSettled: on a failure, let every writer stop before the keys are cleaned up.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 2 * WRITERS_PER_STORE }, async (_, w) => {
        const store = stores[w % 2] as AlertStore;
        for (let k = w; k < batchCount; k += 2 * WRITERS_PER_STORE) {
          await store.put(batches[k] ?? [], now);
        }
      }),
    );
    for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;

    const posts = batches.flat();
    const sequential = (inputs: Alert[]) =>
      seeds.map((seed) =>
        inputs
          .filter((a) => a.fingerprint === seed.fingerprint)
          .reduce((acc, a) => mergeAlerts(acc, a, now), seed),
      );
    const expected = sequential(posts);
    // The premise: a different order gives the same result.
    expect(sequential([...posts].reverse())).toEqual(expected);
    for (const [i, seed] of seeds.entries()) {
      const mine = posts.filter((a) => a.fingerprint === seed.fingerprint);
      expect(expected[i]?.endsAt).toBe(Math.max(...mine.map((a) => a.endsAt)));
      expect(expected[i]?.updatedAt).toBe(Math.max(...mine.map((a) => a.updatedAt)));
      expect(expected[i]?.startsAt).toBe(T);
    }

    const [storeA] = stores;
    expect(await storeA?.getMany(seeds.map((s) => s.fingerprint))).toEqual(expected);

    // The race really happened: more script calls than puts means writes were retried.
    const scripts = logs.flatMap((log) => log.sent).filter((c) => c.name === 'evalsha').length;
    expect(scripts).toBeGreaterThan(batchCount);
  });
});
