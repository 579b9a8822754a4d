import { Matcher, type MatchType } from '@tocsin/matchers';
import { type Alert, GO_ZERO_TIME_MS } from '@tocsin/model';
import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix } from '@tocsin/test-support';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertStore } from './alert-store.js';
import { MIN, makeAlert, T } from './store.fixture.js';

describe('AlertStore reads', () => {
  const prefix = uniquePrefix('store-list');
  let redis: Redis;
  let store: AlertStore;

  const alerts: Record<string, Alert> = {
    web: makeAlert({ id: 'web', alertname: 'Web', env: 'prod', team: 'a' }),
    dev: makeAlert({ id: 'dev', alertname: 'Web', env: 'dev' }),
    db: makeAlert({ id: 'db', alertname: 'DB', team: 'b' }), // no env label
    gone: makeAlert({ id: 'gone', alertname: 'Web', env: 'prod', team: 'a' }, { endsAt: T - 1 }), // resolved
    edge: makeAlert({ id: 'edge', alertname: 'Edge' }, { endsAt: T }), // ends exactly now
    unset: makeAlert({ id: 'unset', alertname: 'NoEnd' }, { endsAt: GO_ZERO_TIME_MS }),
  };
  const byFp = (ids: string[]) =>
    ids.map((id) => alerts[id] as Alert).sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1));
  const m = (name: string, type: MatchType, value: string) => Matcher.create(type, name, value);
  const ids = (list: Alert[]) => list.map((a) => a.labels.id);

  beforeAll(async () => {
    redis = connectTestRedis();
    store = new AlertStore(redis, { prefix });
    await store.put(Object.values(alerts), T - 10 * MIN);
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  it('lists what has not ended before now, sorted by fingerprint', async () => {
    // Alertmanager's API skips an alert only if endsAt is set and before now.
    const listed = await store.list({ now: T });
    expect(listed).toEqual(byFp(['web', 'dev', 'db', 'edge', 'unset']));
    const fps = listed.map((a) => a.fingerprint);
    expect(fps).toEqual([...fps].sort());
  });

  it('applies every matcher type, ANDed, with an absent label matching as ""', async () => {
    const cases: [Matcher[], string[]][] = [
      [[m('env', '=', 'prod')], ['web']],
      [[m('env', '!=', 'prod')], ['dev', 'db', 'edge', 'unset']],
      [[m('env', '=', '')], ['db', 'edge', 'unset']],
      [[m('env', '!=', '')], ['web', 'dev']],
      [[m('env', '=~', 'pr.*')], ['web']],
      [[m('env', '=~', 'ro')], []], // anchored
      [[m('env', '=~', 'prod|')], ['web', 'db', 'edge', 'unset']],
      [[m('env', '!~', 'prod|dev')], ['db', 'edge', 'unset']],
      [[m('env', '!~', '.+')], ['db', 'edge', 'unset']],
      [[m('team', '=~', 'a|b')], ['web', 'db']],
      [[m('alertname', '=', 'Web'), m('env', '!~', 'dev')], ['web']],
      [[m('alertname', '=', 'Web'), m('team', '=', 'a')], ['web']], // `gone` matches too but is resolved
      [[m('nosuch', '=', 'x')], []],
    ];
    for (const [matchers, expected] of cases) {
      const listed = await store.list({ now: T, matchers });
      expect(ids(listed), matchers.join(',')).toEqual(ids(byFp(expected)));
    }
  });

  it('hides an alert once a post resolves it and shows it again when it re-fires', async () => {
    const labels = { id: 'flap', alertname: 'Flap' };
    const fp = makeAlert(labels).fingerprint;
    const inList = async (now: number) => (await store.list({ now })).some((a) => a.fingerprint === fp);
    await store.put([makeAlert(labels, { startsAt: T, endsAt: T + 30 * MIN })], T);
    expect(await inList(T + 2 * MIN)).toBe(true);
    await store.put(
      [makeAlert(labels, { startsAt: T, endsAt: T + MIN, updatedAt: T + 2 * MIN })],
      T + 2 * MIN,
    );
    expect(await inList(T + 2 * MIN)).toBe(false);
    await store.put(
      [makeAlert(labels, { startsAt: T + 3 * MIN, endsAt: T + 9 * MIN, updatedAt: T + 3 * MIN })],
      T + 3 * MIN,
    );
    expect(await inList(T + 3 * MIN)).toBe(true);
    expect(await inList(T + 9 * MIN + 1)).toBe(false);
    // Leave the shared fixture as it was.
    expect(await store.deleteIfNotModified([makeAlert(labels, { updatedAt: T + 3 * MIN })])).toEqual([fp]);
  });

  it('listAll includes resolved alerts; count counts them', async () => {
    expect(await store.listAll()).toEqual(byFp(Object.keys(alerts)));
    expect(await store.count()).toBe(Object.keys(alerts).length);
  });

  it('get returns undefined for an unknown fingerprint', async () => {
    expect(await store.get('0000000000000000')).toBeUndefined();
    expect(await store.get(alerts.gone?.fingerprint ?? '')).toEqual(alerts.gone);
  });
});
