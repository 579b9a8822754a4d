import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix, waitFor } from '@tocsin/test-support';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertStore } from './alert-store.js';
import { MIN, makeAlert, recordCommands, T } from './store.fixture.js';

// Expected values follow Alertmanager's rules (reference §3.3, provider/mem Put and
// Alert.Merge), worked out by hand for each case.

describe('AlertStore.put', () => {
  const prefix = uniquePrefix('store-put');
  let redis: Redis;
  let other: Redis;
  let store: AlertStore;
  let n = 0;
  // A fresh fingerprint per test, so the cases do not see each other's records.
  const labels = () => ({ alertname: 'PutCase', case: String(++n) });

  beforeAll(() => {
    redis = connectTestRedis();
    other = connectTestRedis();
    store = new AlertStore(redis, { prefix });
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
    other.disconnect();
  });

  it('stores a new alert exactly as given and returns it', async () => {
    const a = makeAlert(labels(), {
      annotations: { summary: 's' },
      generatorURL: 'http://prom/graph',
      timeout: true,
      endsAt: T + 5 * MIN,
      updatedAt: T + 1,
    });
    const { stored } = await store.put([a], T + 1);
    expect(stored).toEqual([a]);
    expect(await store.get(a.fingerprint)).toEqual(a);
  });

  it('merges an overlapping re-post: later updatedAt wins every field, earliest startsAt is kept', async () => {
    const l = labels();
    await store.put(
      [
        makeAlert(l, {
          startsAt: T,
          endsAt: T + 10 * MIN,
          annotations: { v: '1' },
          generatorURL: 'http://a/1',
        }),
      ],
      T,
    );
    const { stored } = await store.put(
      [
        makeAlert(l, {
          startsAt: T + 2 * MIN, // inside (T, T+10m): overlap
          endsAt: T + 20 * MIN,
          updatedAt: T + MIN,
          annotations: { v: '2' },
          generatorURL: 'http://a/2',
        }),
      ],
      T + 3 * MIN,
    );
    const expected = makeAlert(l, {
      startsAt: T,
      endsAt: T + 20 * MIN,
      updatedAt: T + MIN,
      annotations: { v: '2' },
      generatorURL: 'http://a/2',
    });
    expect(stored).toEqual([expected]);
    expect(await store.get(expected.fingerprint)).toEqual(expected);
  });

  it('keeps the older, later endsAt when the newer alert fires and the older endsAt was client-set', async () => {
    const l = labels();
    await store.put([makeAlert(l, { startsAt: T, endsAt: T + 30 * MIN, timeout: false })], T);
    await store.put(
      [makeAlert(l, { startsAt: T + MIN, endsAt: T + 10 * MIN, updatedAt: T + MIN, timeout: true })],
      T + 2 * MIN,
    );
    // endsAt from the older alert, the timeout flag (like every other field) from the newer.
    expect(await store.get(makeAlert(l).fingerprint)).toEqual(
      makeAlert(l, { startsAt: T, endsAt: T + 30 * MIN, updatedAt: T + MIN, timeout: true }),
    );
  });

  it('drops the older endsAt when it came from resolve_timeout', async () => {
    const l = labels();
    await store.put([makeAlert(l, { startsAt: T, endsAt: T + 30 * MIN, timeout: true })], T);
    await store.put(
      [makeAlert(l, { startsAt: T + MIN, endsAt: T + 10 * MIN, updatedAt: T + MIN })],
      T + 2 * MIN,
    );
    expect(await store.get(makeAlert(l).fingerprint)).toEqual(
      makeAlert(l, { startsAt: T, endsAt: T + 10 * MIN, updatedAt: T + MIN, timeout: false }),
    );
  });

  it('keeps the later endsAt when both alerts are resolved', async () => {
    const l = labels();
    await store.put(
      [makeAlert(l, { startsAt: T, endsAt: T + 10 * MIN, updatedAt: T + 10 * MIN })],
      T + 10 * MIN,
    );
    await store.put(
      [makeAlert(l, { startsAt: T, endsAt: T + 5 * MIN, updatedAt: T + 20 * MIN })], // T+5m inside (T, T+10m)
      T + 20 * MIN,
    );
    expect(await store.get(makeAlert(l).fingerprint)).toEqual(
      makeAlert(l, { startsAt: T, endsAt: T + 10 * MIN, updatedAt: T + 20 * MIN }),
    );
  });

  it('resolves a firing alert with the endsAt of the resolving post', async () => {
    const l = labels();
    await store.put([makeAlert(l, { startsAt: T, endsAt: T + 30 * MIN })], T);
    await store.put(
      [makeAlert(l, { startsAt: T, endsAt: T + 5 * MIN, updatedAt: T + 5 * MIN })],
      T + 5 * MIN,
    );
    expect(await store.get(makeAlert(l).fingerprint)).toEqual(
      makeAlert(l, { startsAt: T, endsAt: T + 5 * MIN, updatedAt: T + 5 * MIN }),
    );
  });

  it('lets the stored alert win the fields when the overlapping post has an older updatedAt', async () => {
    const l = labels();
    await store.put(
      [
        makeAlert(l, {
          startsAt: T + MIN,
          endsAt: T + 30 * MIN,
          updatedAt: T + 5 * MIN,
          annotations: { v: 'kept' },
        }),
      ],
      T + 5 * MIN,
    );
    await store.put(
      [
        makeAlert(l, {
          startsAt: T,
          endsAt: T + 10 * MIN,
          updatedAt: T + 2 * MIN,
          annotations: { v: 'late' },
        }),
      ],
      T + 6 * MIN,
    );
    expect(await store.get(makeAlert(l).fingerprint)).toEqual(
      makeAlert(l, { startsAt: T, endsAt: T + 30 * MIN, updatedAt: T + 5 * MIN, annotations: { v: 'kept' } }),
    );
  });

  it('replaces when the ranges do not overlap: a re-fire after resolution starts fresh', async () => {
    const l = labels();
    await store.put(
      [makeAlert(l, { startsAt: T, endsAt: T + 5 * MIN, updatedAt: T + 5 * MIN, annotations: { v: 'old' } })],
      T + 5 * MIN,
    );
    const refire = makeAlert(l, { startsAt: T + 20 * MIN, endsAt: T + 30 * MIN, updatedAt: T + 20 * MIN });
    await store.put([refire], T + 20 * MIN);
    expect(await store.get(refire.fingerprint)).toEqual(refire);
  });

  it('replaces on the same startsAt with a later endsAt, even with an older updatedAt', async () => {
    // Neither endsAt nor startsAt lies strictly inside (T, T+10m): no overlap, so the post
    // is stored as is; a merge would have kept the stored annotations (its updatedAt is later).
    const l = labels();
    await store.put(
      [makeAlert(l, { updatedAt: T + MIN, annotations: { v: 'stored' }, generatorURL: 'g' })],
      T + MIN,
    );
    const post = makeAlert(l, { startsAt: T, endsAt: T + 20 * MIN, updatedAt: T });
    await store.put([post], T + 2 * MIN);
    expect(await store.get(post.fingerprint)).toEqual(post);
  });

  it('follows a Prometheus-style alert over resends, resolution and a re-fire', async () => {
    const l = labels();
    const fp = makeAlert(l).fingerprint;
    // Resends every minute with endsAt = send time + 4m (same startsAt: replace each time).
    for (let i = 0; i < 3; i++) {
      await store.put(
        [makeAlert(l, { startsAt: T, endsAt: T + (i + 4) * MIN, updatedAt: T + i * MIN })],
        T + i * MIN,
      );
    }
    expect(await store.get(fp)).toEqual(
      makeAlert(l, { startsAt: T, endsAt: T + 6 * MIN, updatedAt: T + 2 * MIN }),
    );
    // Resolved at T+3m: T+3m lies inside (T, T+6m), so merge; the newer is resolved, the older not.
    await store.put(
      [makeAlert(l, { startsAt: T, endsAt: T + 3 * MIN, updatedAt: T + 3 * MIN })],
      T + 3 * MIN,
    );
    expect(await store.get(fp)).toEqual(
      makeAlert(l, { startsAt: T, endsAt: T + 3 * MIN, updatedAt: T + 3 * MIN }),
    );
    // Fires again at T+10m: outside (T, T+3m), so the old startsAt is gone.
    await store.put(
      [makeAlert(l, { startsAt: T + 10 * MIN, endsAt: T + 14 * MIN, updatedAt: T + 10 * MIN })],
      T + 10 * MIN,
    );
    expect(await store.get(fp)).toEqual(
      makeAlert(l, { startsAt: T + 10 * MIN, endsAt: T + 14 * MIN, updatedAt: T + 10 * MIN }),
    );
  });

  it('merges repeated fingerprints of one batch in order and returns one alert per fingerprint', async () => {
    const a = labels();
    const b = labels();
    const c = labels();
    await store.put(
      [makeAlert(c, { startsAt: T - 5 * MIN, endsAt: T + 60 * MIN, annotations: { v: 'c0' } })],
      T,
    );
    const { stored } = await store.put(
      [
        makeAlert(a, { annotations: { v: 'a1' } }),
        makeAlert(b),
        makeAlert(c, { startsAt: T, updatedAt: T + 1, annotations: { v: 'c1' } }), // merges with c0
        makeAlert(a, { startsAt: T + MIN, endsAt: T + 20 * MIN, updatedAt: T + 1, annotations: { v: 'a2' } }), // merges with a1
        makeAlert(c, {
          startsAt: T + 90 * MIN,
          endsAt: T + 95 * MIN,
          updatedAt: T + 2,
          annotations: { v: 'c2' },
        }), // replaces
      ],
      T + 1,
    );
    const expected = [
      makeAlert(a, { startsAt: T, endsAt: T + 20 * MIN, updatedAt: T + 1, annotations: { v: 'a2' } }),
      makeAlert(b),
      makeAlert(c, {
        startsAt: T + 90 * MIN,
        endsAt: T + 95 * MIN,
        updatedAt: T + 2,
        annotations: { v: 'c2' },
      }),
    ];
    expect(stored).toEqual(expected);
    expect(
      await store.getMany([
        expected[2]?.fingerprint ?? '',
        'ffffffffffffffff',
        expected[0]?.fingerprint ?? '',
      ]),
    ).toEqual([expected[2], undefined, expected[0]]);
  });

  it('an empty batch stores nothing and sends nothing', async () => {
    const log = recordCommands(redis);
    try {
      expect(await store.put([], T)).toEqual({ stored: [] });
      expect(await store.getMany([])).toEqual([]);
      expect(log.sent).toEqual([]);
    } finally {
      log.restore();
    }
  });

  it('merges again when another writer changed a record between its read and its write', async () => {
    const a = labels();
    const b = labels();
    await store.put([makeAlert(a, { startsAt: T, endsAt: T + 60 * MIN }), makeAlert(b)], T);
    const intruder = new AlertStore(other, { prefix });
    const log = recordCommands(redis);
    try {
      // Lands after this put's HMGET and before its script: a later endsAt for `a`.
      log.before('evalsha', () =>
        intruder.put(
          [makeAlert(a, { startsAt: T + MIN, endsAt: T + 90 * MIN, updatedAt: T + MIN })],
          T + MIN,
        ),
      );
      const { stored } = await store.put(
        [
          makeAlert(a, {
            startsAt: T + 2 * MIN,
            endsAt: T + 30 * MIN,
            updatedAt: T + 2 * MIN,
            annotations: { v: 'x' },
          }),
          makeAlert(b, { startsAt: T + 2 * MIN, updatedAt: T + 2 * MIN }),
        ],
        T + 2 * MIN,
      );
      // Sequentially: the intruder's post (endsAt T+90m) then ours; ours fires and the older
      // client-set endsAt is later, so T+90m survives. Without the re-read it would be T+60m.
      const expectedA = makeAlert(a, {
        startsAt: T,
        endsAt: T + 90 * MIN,
        updatedAt: T + 2 * MIN,
        annotations: { v: 'x' },
      });
      const expectedB = makeAlert(b, { startsAt: T, updatedAt: T + 2 * MIN });
      // The failed script call returned the changed record: no second read.
      expect(log.sent.map((c) => c.name)).toEqual(['hmget', 'evalsha', 'evalsha']);
      expect(stored).toEqual([expectedA, expectedB]);
      expect(await store.getMany([expectedA.fingerprint, expectedB.fingerprint])).toEqual([
        expectedA,
        expectedB,
      ]);
    } finally {
      log.restore();
    }
  });

  it('takes the write lock after three lost rounds; other puts wait for it', async () => {
    const l = labels();
    const fp = makeAlert(l).fingerprint;
    await store.put([makeAlert(l, { startsAt: T, endsAt: T + 60 * MIN })], T);
    const intruder = new AlertStore(other, { prefix });
    const log = recordCommands(redis);
    const otherLog = recordCommands(other);
    let round = 0;
    let late: Promise<unknown> = Promise.resolve();
    const interfere = async (): Promise<void> => {
      round++;
      if (round <= 3) {
        log.before('evalsha', interfere);
        await intruder.put(
          [makeAlert(l, { startsAt: T + round * MIN, endsAt: T + (60 + round) * MIN, updatedAt: T + round })],
          T + MIN,
        );
        otherLog.reset();
        return;
      }
      // Round 4 holds the lock: this put is refused until the lock is released.
      late = intruder.put(
        [
          makeAlert(l, {
            startsAt: T + 6 * MIN,
            endsAt: T + 100 * MIN,
            updatedAt: T + 20,
            annotations: { v: 'last' },
          }),
        ],
        T + MIN,
      );
      await waitFor(() => otherLog.sent.some((c) => c.name === 'evalsha'), { what: 'the late script' });
      await new Promise((resolve) => setTimeout(resolve, 10)); // and for Redis to have run it
    };
    try {
      log.before('evalsha', interfere);
      await store.put(
        [
          makeAlert(l, {
            startsAt: T + 5 * MIN,
            endsAt: T + 30 * MIN,
            updatedAt: T + 10,
            annotations: { v: 'main' },
          }),
        ],
        T + MIN,
      );
      await late;
      expect(log.sent.map((c) => c.name)).toEqual([
        'hmget',
        'evalsha',
        'evalsha',
        'evalsha',
        'set',
        'evalsha',
      ]);
      // The late put was refused at least once, then went through after the lock was gone.
      expect(otherLog.sent.filter((c) => c.name === 'evalsha').length).toBeGreaterThanOrEqual(2);
    } finally {
      log.restore();
      otherLog.restore();
    }
    expect(await redis.exists(store.keys.lock)).toBe(0);
    // Sequentially: seed, three intruder posts, ours, the late one (every post overlaps:
    // startsAt stays T, endsAt is the largest, the rest comes from updatedAt T+20).
    expect(await store.get(fp)).toEqual(
      makeAlert(l, { startsAt: T, endsAt: T + 100 * MIN, updatedAt: T + 20, annotations: { v: 'last' } }),
    );
  });

  it('waits while another writer holds the lock and writes once it is released', async () => {
    const a = makeAlert(labels());
    await other.set(store.keys.lock, 'someone-else', 'PX', 10_000);
    const log = recordCommands(redis);
    try {
      const put = store.put([a], T);
      await waitFor(() => log.sent.filter((c) => c.name === 'evalsha').length >= 2, {
        what: 'a second round',
      });
      expect(await store.get(a.fingerprint)).toBeUndefined();
      await other.del(store.keys.lock);
      expect(await put).toEqual({ stored: [a] });
      expect(await store.get(a.fingerprint)).toEqual(a);
    } finally {
      log.restore();
      await other.del(store.keys.lock);
    }
  });

  it('gives up with AlertStoreConflictError after maxWriteAttempts lost rounds', async () => {
    const l = labels();
    const tight = new AlertStore(redis, { prefix, maxWriteAttempts: 2 });
    const intruder = new AlertStore(other, { prefix });
    const log = recordCommands(redis);
    let round = 0;
    const interfere = (): Promise<unknown> => {
      round++;
      if (round < 2) log.before('evalsha', interfere);
      return intruder.put([makeAlert(l, { updatedAt: T + round })], T);
    };
    try {
      log.before('evalsha', interfere);
      await expect(tight.put([makeAlert(l, { updatedAt: T + 10 })], T)).rejects.toThrow(
        /lost to concurrent writers 2 times/,
      );
      expect(log.sent.filter((c) => c.name === 'evalsha')).toHaveLength(2);
    } finally {
      log.restore();
    }
  });
});
