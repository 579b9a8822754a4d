import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix, waitFor } from '@tocsin/test-support';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertStore } from './alert-store.js';
import { type CommandLog, MIN, makeAlert, recordCommands, T } from './store.fixture.js';

// The cost of an operation must not grow with its number of alerts. Counted twice: what
// this connection sends (its sendCommand) and what the server receives (MONITOR, commands
// naming this file's keys, script-internal calls excluded).

describe('AlertStore round trips', () => {
  const prefix = uniquePrefix('store-trips');
  let redis: Redis;
  let monitor: Redis;
  let log: CommandLog;
  let store: AlertStore;
  let seen: string[][] = [];
  let marks = 0;

  beforeAll(async () => {
    redis = connectTestRedis();
    await redis.ping();
    monitor = await connectTestRedis().monitor();
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (source === 'lua') return;
      if (args.some((a) => a.startsWith(`${prefix}:`)))
        seen.push([String(args[0]).toLowerCase(), ...args.slice(1)]);
    });
    store = new AlertStore(redis, { prefix });
    await store.put([makeAlert({ warm: 'up' })], T); // the scripts are cached from here on
    log = recordCommands(redis);
  });

  afterAll(async () => {
    log.restore();
    monitor.disconnect();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  /** Waits until MONITOR has delivered everything this connection sent so far. */
  async function drainMonitor(): Promise<void> {
    const mark = `${prefix}:mark:${++marks}`;
    await redis.echo(mark);
    await waitFor(() => seen.some(([name, arg]) => name === 'echo' && arg === mark), { what: 'MONITOR' });
  }

  /** Runs `action` and returns the commands sent (client side) and received (server side). */
  async function commandsOf(action: () => Promise<unknown>): Promise<{ sent: string[]; received: string[] }> {
    await drainMonitor();
    log.reset();
    seen = [];
    await action();
    const sent = log.sent.map((c) => c.name);
    await drainMonitor();
    return { sent, received: seen.map(([name]) => name as string).filter((name) => name !== 'echo') };
  }

  const batch = (n: number, tag: string, over = {}) =>
    Array.from({ length: n }, (_, i) => makeAlert({ alertname: 'Trips', tag, i: String(i) }, over));

  it('a put costs HMGET + one script call for 1, 10 and 500 new alerts', async () => {
    for (const n of [1, 10, 500]) {
      const { sent, received } = await commandsOf(() => store.put(batch(n, `new${n}`), T));
      expect({ n, sent }).toEqual({ n, sent: ['hmget', 'evalsha'] });
      expect({ n, received }).toEqual({ n, received: ['hmget', 'evalsha'] });
    }
    expect(await store.count()).toBe(1 + 1 + 10 + 500);
  });

  it('so does a put of 500 alerts that all merge with stored ones', async () => {
    const again = batch(500, 'new500', { startsAt: T + MIN, updatedAt: T + MIN, annotations: { v: '2' } });
    const { sent, received } = await commandsOf(() => store.put(again, T + MIN));
    expect(sent).toEqual(['hmget', 'evalsha']);
    expect(received).toEqual(['hmget', 'evalsha']);
    const [first] = await store.getMany([again[0]?.fingerprint ?? '']);
    expect(first).toEqual({ ...again[0], startsAt: T });
  });

  it('reads of many alerts are one command each', async () => {
    const fps = batch(500, 'new500').map((a) => a.fingerprint);
    expect((await commandsOf(() => store.getMany(fps))).received).toEqual(['hmget']);
    expect((await commandsOf(() => store.list({ now: T }))).received).toEqual(['evalsha']);
    expect((await commandsOf(() => store.listAll())).received).toEqual(['hgetall']);
    expect((await commandsOf(() => store.count())).received).toEqual(['hlen']);
  });

  it('deleteIfNotModified and gc of 500 alerts are a fixed number of commands', async () => {
    const tenNew = batch(10, 'new10');
    expect((await commandsOf(() => store.deleteIfNotModified(tenNew))).received).toEqual([
      'hmget',
      'evalsha',
    ]);
    const resolved = batch(500, 'resolved', { endsAt: T + 1 });
    await store.put(resolved, T);
    const { received } = await commandsOf(async () => {
      expect(await store.gc(T + MIN, 0)).toHaveLength(500);
    });
    expect(received).toEqual(['evalsha']);
  });
  it("handles batches larger than the scripts' chunk of 1000 in the same number of commands", async () => {
    const big = batch(2500, 'big', { endsAt: T + 2 * MIN });
    const wide = new AlertStore(redis, { prefix, gcBatchSize: 5000 });
    expect((await commandsOf(() => wide.put(big, T))).received).toEqual(['hmget', 'evalsha']);
    expect(await wide.getMany(big.map((a) => a.fingerprint))).toEqual(big);
    const listed = await wide.list({ now: T + MIN });
    expect(listed.filter((a) => a.labels.tag === 'big')).toHaveLength(2500);
    let deleted: string[] = [];
    expect(
      (
        await commandsOf(async () => {
          deleted = await wide.gc(T + 3 * MIN, 0);
        })
      ).received,
    ).toEqual(['evalsha']);
    expect(deleted.sort()).toEqual(big.map((a) => a.fingerprint).sort());
    expect(await redis.zcard(wide.keys.ends)).toBe(await redis.hlen(wide.keys.data));
  });
});
