import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectTestRedis, deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '@tocsin/test-support';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIngestFlags } from '../../flags.js';
import { type RunningIngest, startIngest } from '../../main.js';
import { alertsProblem, type InputLimits, silenceProblem } from './input-limits.js';

const LIMITS: InputLimits = { alerts: 3, labels: 4, nameBytes: 10, valueBytes: 20, textBytes: 30 };
const labels = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`l${i}`, 'v']));

describe('alertsProblem and silenceProblem', () => {
  it.each([
    [[{}, {}, {}, {}], 'alerts: 4 alerts, at most 3 allowed'],
    [[{ labels: labels(4) }, { labels: labels(5) }], 'alerts[1].labels: 5 labels, at most 4 allowed'],
    [[{ labels: {}, annotations: labels(5) }], 'alerts[0].annotations: 5 annotations, at most 4 allowed'],
    [
      [{ labels: { abcdefghijk: 'v' } }],
      'alerts[0].labels: name "abcdefghijk" is 11 bytes, at most 10 allowed',
    ],
    [[{ labels: { a: 'x'.repeat(21) } }], 'alerts[0].labels["a"]: 21 bytes, at most 20 allowed'],
    // Bytes, not characters: 7 × "é" is 14 bytes.
    [[{ labels: { a: 'é'.repeat(11) } }], 'alerts[0].labels["a"]: 22 bytes, at most 20 allowed'],
    [[{ annotations: { a: 'x'.repeat(31) } }], 'alerts[0].annotations["a"]: 31 bytes, at most 30 allowed'],
    [[{ generatorURL: `http://${'x'.repeat(30)}` }], 'alerts[0].generatorURL: 37 bytes, at most 30 allowed'],
  ])('alerts %# are refused naming the field', (body, message) => {
    expect(alertsProblem(body, LIMITS)).toBe(message);
  });

  it('leaves bodies within the limits and values of the wrong type alone', () => {
    expect(
      alertsProblem([{ labels: labels(4), annotations: { a: 'x'.repeat(30) } }], LIMITS),
    ).toBeUndefined();
    expect(alertsProblem([{ labels: 'x'.repeat(100) }, 7, null], LIMITS)).toBeUndefined();
    expect(alertsProblem({ not: 'an array' }, LIMITS)).toBeUndefined();
    expect(alertsProblem(Array(10).fill({}), { ...LIMITS, alerts: 0 })).toBeUndefined();
  });

  it.each([
    [{ matchers: Array(5).fill({ name: 'a', value: 'b' }) }, 'matchers: 5 matchers, at most 4 allowed'],
    [{ matchers: [{ name: 'a'.repeat(11), value: '' }] }, 'matchers[0].name: 11 bytes, at most 10 allowed'],
    [{ matchers: [{ name: 'a', value: 'v'.repeat(21) }] }, 'matchers[0].value: 21 bytes, at most 20 allowed'],
    [{ matchers: [], createdBy: 'c'.repeat(21) }, 'createdBy: 21 bytes, at most 20 allowed'],
    [{ matchers: [], comment: 'c'.repeat(31) }, 'comment: 31 bytes, at most 30 allowed'],
  ])('silence %# is refused naming the field', (body, message) => {
    expect(silenceProblem(body, LIMITS)).toBe(message);
  });
});

describe('limits and regexes on a running ingest', () => {
  const prefix = uniquePrefix('ingest-limits');
  let redis: Redis;
  let ingest: RunningIngest;
  const post = (p: string, body: unknown) =>
    fetch(`${ingest.url}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      // Far beyond any linear-time answer; a backtracking regex engine would not finish at all.
      signal: AbortSignal.timeout(20_000),
    });

  beforeAll(async () => {
    redis = connectTestRedis();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tocsin-limits-')), 'alertmanager.yml');
    writeFileSync(file, 'route:\n  receiver: default\nreceivers:\n  - name: default\n');
    const flags = parseIngestFlags([
      `--config.file=${file}`,
      '--web.listen-address=127.0.0.1:0',
      `--redis.url=${testRedisUrl()}`,
      `--redis.prefix=${prefix}`,
    ]);
    ingest = await startIngest(flags, pino({ level: 'silent' }));
  });

  afterAll(async () => {
    await ingest?.close();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  it('answers 422 naming the field with the default limits, and stores nothing of the request', async () => {
    const res = await post('/api/v2/alerts', [
      { labels: { alertname: 'Fine' } },
      { labels: { alertname: 'TooMany', ...labels(129) } },
    ]);
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      code: 422,
      message: 'alerts[1].labels: 130 labels, at most 128 allowed',
    });
    const stored = await (await fetch(`${ingest.url}/api/v2/alerts?filter=alertname="Fine"`)).json();
    expect(stored).toEqual([]);
    const silence = await post('/api/v2/silences', {
      matchers: [{ name: 'a', value: 'b', isRegex: false }],
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      createdBy: 'me',
      comment: 'x'.repeat(65_537),
    });
    expect(silence.status).toBe(422);
    expect(await silence.text()).toContain('comment: 65537 bytes, at most 65536 allowed');
  });

  it('runs a pathological regex from a silence and from a filter in linear time (RE2)', async () => {
    // (a+)+$ against "aaaa…!" takes 2^n steps in a backtracking engine.
    const evil = 'a'.repeat(5000);
    expect(
      (await post('/api/v2/alerts', [{ labels: { alertname: 'Evil', victim: `${evil}!` } }])).status,
    ).toBe(200);
    const silence = await post('/api/v2/silences', {
      matchers: [{ name: 'victim', value: '(a+)+$', isRegex: true }],
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      createdBy: 'me',
      comment: 'evil',
    });
    expect(silence.status).toBe(200);
    const filter = encodeURIComponent('victim=~"(a|aa)*(a+)+$"');
    const res = await fetch(`${ingest.url}/api/v2/alerts?filter=${filter}`, {
      signal: AbortSignal.timeout(20_000),
    });
    expect(res.status).toBe(200);
    // Anchored and unmatched ("!" at the end): the alert is neither selected nor silenced.
    expect(await res.json()).toEqual([]);
    const all = (await (
      await fetch(`${ingest.url}/api/v2/alerts?filter=alertname="Evil"`, {
        signal: AbortSignal.timeout(20_000),
      })
    ).json()) as { status: { silencedBy: string[] } }[];
    expect(all).toHaveLength(1);
    expect(all[0]?.status.silencedBy).toEqual([]);
  }, 60_000);
});
