import { Matcher } from '@tocsin/matchers';
import { formatApiTime } from '@tocsin/model';
import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix, waitFor } from '@tocsin/test-support';
import type { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SilenceError } from './errors.js';
import { silenceKeys } from './keys.js';
import { Silences, type SilencesOptions } from './silences.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const T0 = Date.UTC(2024, 0, 1, 12);
const iso = formatApiTime;

const eq = (name: string, value: string) => ({ name, value, isRegex: false });

describe('Silences on Redis', () => {
  const prefix = uniquePrefix('silences');
  let redis: Redis;
  let clock = T0;
  const started: Silences[] = [];
  let n = 0;

  beforeAll(() => {
    redis = connectTestRedis();
  });

  afterEach(() => {
    for (const s of started.splice(0)) s.stop();
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  // Each test gets its own sub-prefix, so states never leak between tests.
  async function open(options: SilencesOptions = {}): Promise<Silences> {
    clock = T0;
    const s = new Silences(redis, { prefix: `${prefix}:${++n}`, now: () => clock, ...options });
    await s.start();
    started.push(s);
    return s;
  }

  function body(over: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      matchers: [eq('a', 'b')],
      startsAt: iso(clock),
      endsAt: iso(clock + H),
      createdBy: 't',
      comment: 'c',
      ...over,
    };
  }

  // The status code the API answers with: 200 or the error's status.
  async function statusOf(p: Promise<unknown>): Promise<number> {
    try {
      await p;
      return 200;
    } catch (err) {
      if (err instanceof SilenceError) return err.status;
      throw err;
    }
  }

  describe('POST /api/v2/silences semantics (18-api-invalid)', () => {
    it('answers the golden status codes for invalid bodies and accepts the odd valid ones', async () => {
      const s = await open();
      const cases: Array<[string, unknown, number]> = [
        ['silence-empty-object', {}, 422],
        ['silence-no-matchers', body({ matchers: [] }), 422],
        ['silence-ends-before-starts', body({ startsAt: iso(clock + H), endsAt: iso(clock) }), 400],
        ['silence-in-the-past', body({ startsAt: iso(clock - 2 * H), endsAt: iso(clock - H) }), 400],
        ['silence-bad-regex', body({ matchers: [{ name: 'a', value: '(', isRegex: true }] }), 400],
        ['silence-matches-empty', body({ matchers: [eq('a', '')] }), 400],
        [
          'silence-only-negative',
          body({ matchers: [{ name: 'team', value: 'ops', isRegex: false, isEqual: false }] }),
          200,
        ],
        ['silence-bad-label-name', body({ matchers: [eq('', 'x')] }), 400],
        ['silence-empty-createdBy', body({ createdBy: '' }), 200],
        ['silence-unknown-id', body({ id: '11111111-2222-3333-4444-555555555555' }), 404],
      ];
      const got = [];
      for (const [name, input] of cases) got.push([name, input, await statusOf(s.set(input))]);
      expect(got).toEqual(cases);
      // Only the two accepted ones were stored.
      expect((await s.list()).map((x) => x.createdBy).sort()).toEqual(['', 't']);
    });

    it('validates before looking up the id, so an invalid update of an unknown id is a 400', async () => {
      const s = await open();
      expect(await statusOf(s.set(body({ id: 'nope', matchers: [eq('a', '')] })))).toBe(400);
    });

    it('gives a new silence a UUIDv4, clamps a past start to now and sets updatedAt', async () => {
      const s = await open();
      clock = T0 + 5 * M;
      const { id } = await s.set(body({ startsAt: iso(T0), endsAt: iso(T0 + H) }));
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(await s.get(id)).toEqual({
        id,
        status: { state: 'active' },
        updatedAt: iso(T0 + 5 * M),
        comment: 'c',
        createdBy: 't',
        endsAt: iso(T0 + H),
        matchers: [{ name: 'a', value: 'b', isRegex: false, isEqual: true }],
        startsAt: iso(T0 + 5 * M),
      });
    });

    it('keeps a future start and stores annotations', async () => {
      const s = await open();
      const { id } = await s.set(
        body({ startsAt: iso(T0 + H), endsAt: iso(T0 + 2 * H), annotations: { k: 'v' } }),
      );
      const got = await s.get(id);
      expect(got?.startsAt).toBe(iso(T0 + H));
      expect(got?.status.state).toBe('pending');
      expect(got?.annotations).toEqual({ k: 'v' });
    });

    it('updates a pending silence in place but replaces it when the matchers change (golden steps 27-29)', async () => {
      const s = await open();
      const later = { matchers: [eq('alertname', 'Later')], startsAt: iso(T0 + H), endsAt: iso(T0 + 2 * H) };
      const pend = (await s.set(body({ ...later, comment: 'pending v1' }))).id;
      clock = T0 + S;
      expect((await s.set(body({ ...later, id: pend, comment: 'pending v2' }))).id).toBe(pend);
      expect((await s.get(pend))?.comment).toBe('pending v2');
      expect((await s.get(pend))?.updatedAt).toBe(iso(T0 + S));

      clock = T0 + 2 * S;
      const replaced = (
        await s.set(
          body({ ...later, id: pend, matchers: [eq('alertname', 'Later2')], comment: 'pending v3' }),
        )
      ).id;
      expect(replaced).not.toBe(pend);
      const old = await s.get(pend);
      expect(old?.status.state).toBe('expired');
      // Expiring a pending silence sets both ends to now.
      expect([old?.startsAt, old?.endsAt, old?.comment]).toEqual([
        iso(T0 + 2 * S),
        iso(T0 + 2 * S),
        'pending v2',
      ]);
      const neu = await s.get(replaced);
      expect([neu?.status.state, neu?.startsAt, neu?.comment]).toEqual([
        'pending',
        iso(T0 + H),
        'pending v3',
      ]);
    });

    it('replaces a pending silence whose new start is in the past', async () => {
      const s = await open();
      const pend = (await s.set(body({ startsAt: iso(T0 + H), endsAt: iso(T0 + 2 * H) }))).id;
      clock = T0 + M;
      const next = (await s.set(body({ id: pend, startsAt: iso(T0), endsAt: iso(T0 + 2 * H) }))).id;
      expect(next).not.toBe(pend);
      expect((await s.get(next))?.startsAt).toBe(iso(T0 + M)); // clamped to now
      expect((await s.get(pend))?.status.state).toBe('expired');
    });

    it('follows Alertmanager TestSilenceSet through updates in place and replacements', async () => {
      const s = await open();
      const start1 = T0;
      const sil1 = (await s.set(body({ startsAt: iso(start1 + 2 * M), endsAt: iso(start1 + 5 * M) }))).id;

      clock = start1 + M;
      const start2 = clock;
      const sil2 = (await s.set(body({ startsAt: iso(start2), endsAt: iso(start2 + M) }))).id;
      expect(sil2).not.toBe(sil1);

      // Unchanged, then with a comment: same id.
      const same = { id: sil2, startsAt: iso(start2), endsAt: iso(start2 + M) };
      expect((await s.set(body(same))).id).toBe(sil2);
      expect((await s.set(body({ ...same, comment: 'c2' }))).id).toBe(sil2);

      // Extending the end of the active silence: same id.
      clock = start1 + 2 * M - 10 * S; // still before sil2 ends
      const start5 = clock;
      expect((await s.set(body({ ...same, endsAt: iso(start5 + 100 * M), comment: 'c2' }))).id).toBe(sil2);
      let got = await s.get(sil2);
      expect([got?.startsAt, got?.endsAt, got?.updatedAt]).toEqual([
        iso(start2),
        iso(start5 + 100 * M),
        iso(start5),
      ]);

      // Other matchers: a new id; the old one ends now.
      clock = start5 + M;
      const start6 = clock;
      const sil6 = (
        await s.set(body({ ...same, matchers: [eq('a', 'c')], endsAt: iso(start5 + 100 * M), comment: 'c2' }))
      ).id;
      expect(sil6).not.toBe(sil2);
      got = await s.get(sil2);
      expect([got?.status.state, got?.endsAt, got?.updatedAt]).toEqual(['expired', iso(start6), iso(start6)]);
      got = await s.get(sil6);
      expect([got?.startsAt, got?.endsAt, got?.comment]).toEqual([iso(start6), iso(start5 + 100 * M), 'c2']);

      // Updating the now expired sil2 creates yet another silence, starting now.
      clock = start6 + M;
      const start7 = clock;
      const sil7 = (await s.set(body({ id: sil2, startsAt: iso(start1), endsAt: iso(start7 + 5 * M) }))).id;
      expect([sil1, sil2, sil6]).not.toContain(sil7);
      expect((await s.get(sil7))?.startsAt).toBe(iso(start7));
      expect((await s.get(sil2))?.endsAt).toBe(iso(start6)); // untouched

      // A failed update leaves the original silence active.
      const before = await redis.get(silenceKeys(`${prefix}:${n}`).version);
      expect(await statusOf(s.set(body({ id: sil7, startsAt: iso(start7), endsAt: iso(start7 - M) })))).toBe(
        400,
      );
      expect((await s.get(sil7))?.status.state).toBe('active');
      expect(await redis.get(silenceKeys(`${prefix}:${n}`).version)).toBe(before);
      expect((await s.list()).length).toBe(4);
    });

    it('updates an active silence in place only with the same start second and an end not in the past', async () => {
      const s = await open();
      const id = (await s.set(body({ endsAt: iso(T0 + 2 * H) }))).id;
      clock = T0 + M;
      // Same second, sub-second difference: in place.
      expect((await s.set(body({ id, startsAt: iso(T0 + 999), endsAt: iso(T0 + 3 * H) }))).id).toBe(id);
      // Another start: replaced, the old one ends now.
      const other = (await s.set(body({ id, startsAt: iso(T0 + 2 * S), endsAt: iso(T0 + 3 * H) }))).id;
      expect(other).not.toBe(id);
      expect((await s.get(id))?.endsAt).toBe(iso(T0 + M));
      expect((await s.get(other))?.startsAt).toBe(iso(T0 + M));
    });
  });

  describe('expire', () => {
    it('ends an active silence now, moves a pending one to now, and is idempotent (TestSilenceExpire)', async () => {
      const s = await open();
      const active = (await s.set(body({ startsAt: iso(T0), endsAt: iso(T0 + H) }))).id;
      const pending = (await s.set(body({ startsAt: iso(T0 + M), endsAt: iso(T0 + H) }))).id;
      clock = T0 + 30 * S;
      await s.expire(active);
      await s.expire(pending);
      let a = await s.get(active);
      let p = await s.get(pending);
      expect([a?.status.state, a?.startsAt, a?.endsAt, a?.updatedAt]).toEqual([
        'expired',
        iso(T0),
        iso(T0 + 30 * S),
        iso(T0 + 30 * S),
      ]);
      expect([p?.status.state, p?.startsAt, p?.endsAt]).toEqual([
        'expired',
        iso(T0 + 30 * S),
        iso(T0 + 30 * S),
      ]);

      // Expiring again (golden "expire-ok1-again") succeeds and changes nothing.
      const version = s.version;
      clock = T0 + M;
      await s.expire(active);
      a = await s.get(active);
      expect([a?.endsAt, a?.updatedAt]).toEqual([iso(T0 + 30 * S), iso(T0 + 30 * S)]);
      expect(s.version).toBe(version);
      p = await s.get(pending);
      expect(p?.status.state).toBe('expired');
    });

    it('answers 404 for an unknown id', async () => {
      const s = await open();
      expect(await statusOf(s.expire('11111111-2222-3333-4444-555555555555'))).toBe(404);
      expect(await s.get('11111111-2222-3333-4444-555555555555')).toBe(undefined);
    });

    it('reproduces the silences-final listing of 18-api-invalid', async () => {
      const s = await open();
      // One second between steps, as the runner takes: no two silences end at the same time.
      const step = async (input: Record<string, unknown>) => {
        clock += S;
        return (await s.set(body(input))).id;
      };
      const negOnly = await step({
        matchers: [{ name: 'team', value: 'ops', isRegex: false, isEqual: false }],
      });
      const emptyCreatedBy = await step({ createdBy: '' });
      const ok1 = await step({ matchers: [eq('alertname', 'MixedValid')], comment: 'valid' });
      const later = { matchers: [eq('alertname', 'Later')], startsAt: iso(T0 + H), endsAt: iso(T0 + 2 * H) };
      const pend = await step({ ...later, comment: 'pending v1' });
      expect(await step({ ...later, id: pend, comment: 'pending v2' })).toBe(pend);
      const pendReplaced = await step({
        ...later,
        id: pend,
        matchers: [eq('alertname', 'Later2')],
        comment: 'pending v3',
      });
      expect(s.mutes({ alertname: 'MixedValid' })).toEqual([negOnly, ok1].sort());
      expect(s.mutes({ alertname: 'Unicode', city: 'Zürich ✓' })).toEqual([negOnly]);
      clock += S;
      await s.expire(ok1);
      await s.expire(ok1);
      expect((await s.get(ok1))?.status.state).toBe('expired');
      const recreated = await step({
        id: ok1,
        matchers: [eq('alertname', 'MixedValid')],
        comment: 'recreated',
      });
      expect(recreated).not.toBe(ok1);
      const final = await s.list();
      expect(final.map((x) => [x.id, x.status.state, x.comment])).toEqual([
        // active, ending first
        [negOnly, 'active', 'c'],
        [emptyCreatedBy, 'active', 'c'],
        [recreated, 'active', 'recreated'],
        [pendReplaced, 'pending', 'pending v3'],
        // expired, most recently ended first: ok1 was expired after pend was replaced
        [ok1, 'expired', 'valid'],
        [pend, 'expired', 'pending v2'],
      ]);
    });
  });

  describe('states, list filters and sort order', () => {
    it('moves a silence from pending to active to expired as the clock passes', async () => {
      const s = await open();
      const id = (await s.set(body({ startsAt: iso(T0 + M), endsAt: iso(T0 + 2 * M) }))).id;
      const states = [];
      for (const t of [T0, T0 + M - 1, T0 + M, T0 + 2 * M - 1, T0 + 2 * M]) {
        clock = t;
        states.push((await s.get(id))?.status.state);
      }
      expect(states).toEqual(['pending', 'pending', 'active', 'active', 'expired']);
    });

    it('filters by exact matcher equality and by state, and sorts as Alertmanager', async () => {
      const s = await open();
      const regex = (await s.set(body({ matchers: [{ name: 'x', value: 'y|z', isRegex: true }] }))).id;
      const plain = (
        await s.set(body({ matchers: [eq('x', 'y'), eq('team', 'ops')], endsAt: iso(T0 + 2 * H) }))
      ).id;
      const pending = (
        await s.set(body({ matchers: [eq('x', 'y')], startsAt: iso(T0 + H), endsAt: iso(T0 + 3 * H) }))
      ).id;
      const short = (await s.set(body({ matchers: [eq('x', 'q')], endsAt: iso(T0 + M) }))).id;
      clock = T0 + 30 * S;
      await s.expire(short);
      const ids = async (filter: Matcher[], states?: ('active' | 'pending' | 'expired')[]) =>
        (await s.list({ filter, ...(states ? { states } : {}) })).map((x) => x.id);

      expect(await ids([])).toEqual([regex, plain, pending, short]);
      expect(await ids([Matcher.create('=', 'x', 'y')])).toEqual([plain, pending]);
      expect(await ids([Matcher.create('=~', 'x', 'y|z')])).toEqual([regex]);
      expect(await ids([Matcher.create('=~', 'x', 'y')])).toEqual([]);
      expect(await ids([Matcher.create('=', 'x', 'y'), Matcher.create('=', 'team', 'ops')])).toEqual([plain]);
      expect(await ids([Matcher.create('=', 'x', '')])).toEqual([]);
      expect(await ids([], ['pending', 'expired'])).toEqual([pending, short]);
      expect(await ids([], ['active'])).toEqual([regex, plain]);
      expect(await ids([], [])).toEqual([]);
    });
  });

  describe('mutes', () => {
    it('matches active silences with all four matcher types; absent labels are ""', async () => {
      const s = await open();
      const partial = (
        await s.set(
          body({
            matchers: [
              eq('alertname', 'Partial'),
              { name: 'team', value: 'ops', isRegex: false, isEqual: false },
            ],
          }),
        )
      ).id;
      const regex = (await s.set(body({ matchers: [{ name: 'service', value: 'db|cache', isRegex: true }] })))
        .id;
      const notRegex = (
        await s.set(
          body({
            matchers: [
              eq('alertname', 'NR'),
              { name: 'env', value: 'prod|stage', isRegex: true, isEqual: false },
            ],
          }),
        )
      ).id;
      const pending = (
        await s.set(
          body({ matchers: [eq('alertname', 'Loud')], startsAt: iso(T0 + H), endsAt: iso(T0 + 2 * H) }),
        )
      ).id;

      expect(s.mutes({ alertname: 'Partial', team: 'dev' })).toEqual([partial]);
      expect(s.mutes({ alertname: 'Partial', team: 'ops' })).toEqual([]);
      expect(s.mutes({ alertname: 'Partial' })).toEqual([partial]);
      expect(s.mutes({ alertname: 'Regexy', service: 'db' })).toEqual([regex]);
      expect(s.mutes({ alertname: 'Regexy', service: 'dbx' })).toEqual([]); // anchored
      expect(s.mutes({ alertname: 'NR', env: 'dev' })).toEqual([notRegex]);
      expect(s.mutes({ alertname: 'NR' })).toEqual([notRegex]);
      expect(s.mutes({ alertname: 'NR', env: 'prod' })).toEqual([]);
      expect(s.mutes({ alertname: 'Loud' })).toEqual([]); // pending does not mute
      expect(s.mutes({ alertname: 'Loud' }, T0 + H)).toEqual([pending]);
      expect(s.mutes({ alertname: 'Partial', team: 'dev', service: 'cache' })).toEqual(
        [partial, regex].sort(),
      );

      clock = T0 + M;
      await s.expire(regex);
      expect(s.mutes({ service: 'db' })).toEqual([]);
      expect(s.mutes({ service: 'db' }, T0 + M - 1)).toEqual([regex]); // ended at T0+M
    });

    it('refuses to answer before start()', () => {
      const s = new Silences(redis, { prefix: `${prefix}:never` });
      expect(() => s.mutes({ a: 'b' })).toThrow('start()');
    });
  });

  describe('gc', () => {
    it('deletes silences once endsAt + retention has passed, keeping the retention of their last write', async () => {
      const s = await open({ retentionMs: H });
      const a = (await s.set(body({ endsAt: iso(T0 + M) }))).id;
      const b = (await s.set(body({ endsAt: iso(T0 + 2 * M) }))).id;
      const c = (await s.set(body({ endsAt: iso(T0 + 10 * H) }))).id;
      expect(await s.gc(T0 + M + H - 1)).toBe(0);
      expect(await s.gc(T0 + M + H)).toBe(1); // expiresAt not after now
      expect((await s.list()).map((x) => x.id).sort()).toEqual([b, c].sort());
      expect(await s.get(a)).toBe(undefined);

      clock = T0 + M;
      await s.expire(c); // ends now: expires at T0 + M + H
      expect(await s.gc(T0 + 2 * M + H)).toBe(2);
      expect(await s.list()).toEqual([]);
      const keys = silenceKeys(`${prefix}:${n}`);
      expect(await redis.hlen(keys.data)).toBe(0);
      expect(await redis.zcard(keys.expires)).toBe(0);
      expect(await statusOf(s.expire(b))).toBe(404);
    });

    it('runs gc every maintenance interval while started', async () => {
      const meter = new Registry();
      const s = await open({ retentionMs: 0, maintenanceIntervalMs: 30, meter });
      const id = (await s.set(body())).id;
      await s.expire(id); // ends now; with no retention it is due at once
      await waitFor(async () => (await s.get(id)) === undefined, { what: 'maintenance gc' });
      expect(await meter.metrics()).toMatch(/alertmanager_silences_maintenance_total [1-9]/);
    });

    it('uses 120h retention by default', async () => {
      const s = await open();
      const id = (await s.set(body({ endsAt: iso(T0 + M) }))).id;
      expect(await s.gc(T0 + M + 120 * H - 1)).toBe(0);
      expect(await s.get(id)).toBeDefined();
      expect(await s.gc(T0 + M + 120 * H)).toBe(1);
    });
  });

  describe('stored records', () => {
    it('lists a silence whose matchers no longer compile, mutes nothing with it, and counts the error', async () => {
      const meter = new Registry();
      const s = await open({ meter });
      const good = (await s.set(body())).id;
      const keys = silenceKeys(`${prefix}:${n}`);
      const record = JSON.parse((await redis.hget(keys.data, good)) ?? '{}');
      const bad = { ...record, id: 'bad', matcherSets: [[{ type: '=~', name: 'a', value: '(' }]] };
      await redis.multi().hset(keys.data, 'bad', JSON.stringify(bad)).incr(keys.version).exec();
      expect((await s.list()).map((x) => x.id).sort()).toEqual(['bad', good].sort());
      expect(s.mutes({ a: 'b' })).toEqual([good]);
      expect(await meter.metrics()).toContain(
        'alertmanager_silences_matcher_compile_errors_total{stage="index"} 1',
      );
    });
  });

  describe('metrics', () => {
    it("exports Alertmanager's silence metrics, counting states from the cache", async () => {
      const meter = new Registry();
      const s = await open({ meter, retentionMs: H });
      await s.set(body());
      await s.set(body({ startsAt: iso(T0 + H), endsAt: iso(T0 + 2 * H) }));
      const gone = (await s.set(body())).id;
      await s.expire(gone);
      expect(await s.gc(T0 + H)).toBe(1);
      const text = await meter.metrics();
      expect(text).toContain('alertmanager_silences{state="active"} 1');
      expect(text).toContain('alertmanager_silences{state="pending"} 1');
      expect(text).toContain('alertmanager_silences{state="expired"} 0');
      expect(text).toContain('alertmanager_silences_gc_duration_seconds_count 1');
      expect(text).toContain('alertmanager_silences_gc_errors_total 0');
      expect(text).toContain('alertmanager_silences_state_size 2');
      expect(text).toContain('alertmanager_silences_queries_total');
      expect(text).toContain('alertmanager_silences_matcher_compile_errors_total');
    });
  });
});
