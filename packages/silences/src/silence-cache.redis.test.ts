import { formatApiTime } from '@tocsin/model';
import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix, waitFor } from '@tocsin/test-support';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silenceKeys } from './keys.js';
import { Silences } from './silences.js';

const H = 3_600_000;

// Two processes, simulated by two Silences on two connections of their own.
describe('Silence caches of several processes', () => {
  const prefix = uniquePrefix('silence-cache');
  let connA: Redis;
  let connB: Redis;
  const started: Silences[] = [];
  let n = 0;

  beforeAll(() => {
    connA = connectTestRedis();
    connB = connectTestRedis();
  });

  afterEach(() => {
    for (const s of started.splice(0)) s.stop();
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(connA, prefix);
    connA.disconnect();
    connB.disconnect();
  });

  async function pair(): Promise<{ a: Silences; b: Silences; p: string }> {
    const p = `${prefix}:${++n}`;
    const a = new Silences(connA, { prefix: p, subscriberName: `${p}:a` });
    const b = new Silences(connB, { prefix: p, subscriberName: `${p}:b` });
    await a.start();
    await b.start();
    started.push(a, b);
    return { a, b, p };
  }

  const silence = (value: string, over: Record<string, unknown> = {}) => ({
    matchers: [{ name: 'alertname', value, isRegex: false }],
    startsAt: formatApiTime(Date.now()),
    endsAt: formatApiTime(Date.now() + H),
    createdBy: 't',
    comment: 'c',
    ...over,
  });

  it('sees its own writes at once and the other process sees them over pub/sub', async () => {
    const { a, b } = await pair();
    const { id } = await a.set(silence('X'));
    expect(a.mutes({ alertname: 'X' })).toEqual([id]); // read-your-writes, no waiting
    // mutes() reads only the cache, so this can only pass through the change message.
    await waitFor(() => b.mutes({ alertname: 'X' }).length === 1, { what: 'b muting X' });
    expect(b.mutes({ alertname: 'X' })).toEqual([id]);

    await b.expire(id);
    expect(b.mutes({ alertname: 'X' })).toEqual([]);
    await waitFor(() => a.mutes({ alertname: 'X' }).length === 0, { what: 'a no longer muting X' });
  });

  it('lets API reads on another process see a write before its message arrives', async () => {
    const { a, b, p } = await pair();
    // A write that announces nothing: only the version check before a read can find it.
    const { id } = await a.set(silence('Y'));
    const keys = silenceKeys(p);
    const raw = await connA.hget(keys.data, id);
    const copy = { ...JSON.parse(raw ?? '{}'), id: 'quiet', comment: 'quiet' };
    await connA.multi().hset(keys.data, 'quiet', JSON.stringify(copy)).incr(keys.version).exec();
    expect((await b.get('quiet'))?.comment).toBe('quiet');
    expect((await b.list()).map((s) => s.id).sort()).toEqual([id, 'quiet'].sort());
  });

  it('catches up after its subscriber connection was killed and a change went unannounced', async () => {
    const { b, p } = await pair();
    const writer = new Silences(connA, { prefix: p, subscriberName: `${p}:writer` });
    const { id } = await writer.set(silence('Z'));
    await waitFor(() => b.mutes({ alertname: 'Z' }).length === 1, { what: 'b muting Z' });

    // A change whose message b never gets (as if published while b was away).
    const keys = silenceKeys(p);
    const record = JSON.parse((await connA.hget(keys.data, id)) ?? '{}');
    record.endsAt = Date.now() - 1;
    await connA.multi().hset(keys.data, id, JSON.stringify(record)).incr(keys.version).exec();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(b.mutes({ alertname: 'Z' })).toEqual([id]); // stale: nothing told b

    // Only b's subscriber, found by the name it was given.
    const killed = await connA.call('CLIENT', 'KILL', 'ID', await clientId(b.subscriberName));
    expect(killed).toBe(1);
    // And a write announced while b may still be reconnecting.
    const other = (await writer.set(silence('W'))).id;
    await waitFor(() => b.mutes({ alertname: 'Z' }).length === 0, { what: 'b reloading after resubscribe' });
    await waitFor(() => b.mutes({ alertname: 'W' }).length === 1, { what: 'b seeing W' });
    expect(b.mutes({ alertname: 'W' })).toEqual([other]);
    // Still subscribed: the next change arrives by message again.
    const third = (await writer.set(silence('V'))).id;
    await waitFor(() => b.mutes({ alertname: 'V' }).length === 1, { what: 'b seeing V' });
    expect(b.mutes({ alertname: 'V' })).toEqual([third]);
  });

  it('never loses an expire racing an update in place of the same silence', async () => {
    const { a, b } = await pair();
    for (let round = 0; round < 15; round++) {
      const startsAt = formatApiTime(Date.now() + H);
      const { id } = await a.set(
        silence(`R${round}`, { startsAt, endsAt: formatApiTime(Date.now() + 2 * H) }),
      );
      // Whatever the order, the silence ends up expired: an update that read the pending
      // record must not write it back over the expiry.
      await Promise.all([
        a.set(
          silence(`R${round}`, { id, startsAt, endsAt: formatApiTime(Date.now() + 3 * H), comment: 'u' }),
        ),
        b.expire(id),
      ]);
      expect((await a.get(id))?.status.state).toBe('expired');
    }
  });

  async function clientId(name: string): Promise<string> {
    const list = (await connA.client('LIST')) as string;
    const line = list.split('\n').find((l) => l.includes(` name=${name} `));
    if (!line) throw new Error(`no client named ${name}`);
    return /(?:^|\s)id=(\d+)/.exec(line)?.[1] ?? '';
  }
});
