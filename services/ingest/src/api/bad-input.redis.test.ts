import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectTestRedis, deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '@tocsin/test-support';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIngestFlags } from '../flags.js';
import { type RunningIngest, startIngest } from '../main.js';

const CONFIG = `route:
  receiver: default
receivers:
  - name: default
`;
const MAX_BODY = 4096;
const hour = 3_600_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const silence = (over: Record<string, unknown>) => ({
  matchers: [{ name: 'alertname', value: 'Seed', isRegex: false }],
  startsAt: iso(0),
  endsAt: iso(hour),
  createdBy: 'test',
  comment: 'test',
  ...over,
});

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  raw?: string;
  contentType?: string;
  status: number;
  /** A phrase the error must contain, naming the field or the problem. */
  mentions: string;
}

const cases: Case[] = [
  {
    name: 'malformed JSON',
    method: 'POST',
    path: '/api/v2/alerts',
    raw: '[{"labels":',
    status: 400,
    mentions: 'parsing alerts body',
  },
  {
    name: 'an object instead of an array',
    method: 'POST',
    path: '/api/v2/alerts',
    body: { labels: { a: 'b' } },
    status: 400,
    mentions: 'cannot unmarshal object',
  },
  {
    name: 'missing labels',
    method: 'POST',
    path: '/api/v2/alerts',
    body: [{ annotations: {} }],
    status: 422,
    mentions: '0.labels in body is required',
  },
  {
    name: 'labels of the wrong type',
    method: 'POST',
    path: '/api/v2/alerts',
    body: [{ labels: { a: 1 } }],
    status: 400,
    mentions: 'labels',
  },
  {
    name: 'an empty label name',
    method: 'POST',
    path: '/api/v2/alerts',
    body: [{ labels: { '': 'x' } }],
    status: 400,
    mentions: 'invalid name',
  },
  {
    name: 'only empty label values',
    method: 'POST',
    path: '/api/v2/alerts',
    body: [{ labels: { alertname: '' } }],
    status: 400,
    mentions: 'at least one label pair required',
  },
  {
    name: 'endsAt before startsAt',
    method: 'POST',
    path: '/api/v2/alerts',
    body: [{ labels: { a: 'b' }, startsAt: iso(0), endsAt: iso(-hour) }],
    status: 400,
    mentions: 'start time must be before end time',
  },
  {
    name: 'a bad startsAt',
    method: 'POST',
    path: '/api/v2/alerts',
    body: [{ labels: { a: 'b' }, startsAt: 'yesterday' }],
    status: 400,
    mentions: 'startsAt',
  },
  {
    name: 'a bad generatorURL',
    method: 'POST',
    path: '/api/v2/alerts',
    body: [{ labels: { a: 'b' }, generatorURL: 'not a uri' }],
    status: 422,
    mentions: 'generatorURL',
  },
  {
    name: 'a non-JSON content type',
    method: 'POST',
    path: '/api/v2/alerts',
    raw: '[]',
    contentType: 'text/plain',
    status: 415,
    mentions: 'application/json',
  },
  {
    name: 'a huge body',
    method: 'POST',
    path: '/api/v2/alerts',
    raw: `[{"labels":{"a":"${'x'.repeat(MAX_BODY)}"}}]`,
    status: 413,
    mentions: 'larger than',
  },
  {
    name: 'a silence without matchers',
    method: 'POST',
    path: '/api/v2/silences',
    body: silence({ matchers: undefined }),
    status: 422,
    mentions: 'matchers',
  },
  {
    name: 'a silence with an empty matcher list',
    method: 'POST',
    path: '/api/v2/silences',
    body: silence({ matchers: [] }),
    status: 422,
    mentions: 'matchers',
  },
  {
    name: 'a silence whose matchers all match ""',
    method: 'POST',
    path: '/api/v2/silences',
    body: silence({ matchers: [{ name: 'a', value: '.*', isRegex: true }] }),
    status: 400,
    mentions: 'empty',
  },
  {
    name: 'a silence ending in the past',
    method: 'POST',
    path: '/api/v2/silences',
    body: silence({ startsAt: iso(-2 * hour), endsAt: iso(-hour) }),
    status: 400,
    mentions: "end time can't be in the past",
  },
  {
    name: 'a silence ending before it starts',
    method: 'POST',
    path: '/api/v2/silences',
    body: silence({ startsAt: iso(2 * hour), endsAt: iso(hour) }),
    status: 400,
    mentions: 'start time must be before end time',
  },
  {
    name: 'a silence with a bad regex',
    method: 'POST',
    path: '/api/v2/silences',
    body: silence({ matchers: [{ name: 'a', value: '(', isRegex: true }] }),
    status: 400,
    mentions: 'regexp',
  },
  {
    name: 'a silence with a bad label name',
    method: 'POST',
    path: '/api/v2/silences',
    body: silence({ matchers: [{ name: '', value: 'x', isRegex: false }] }),
    status: 400,
    mentions: 'label',
  },
  {
    name: 'a silence update with an unknown id',
    method: 'POST',
    path: '/api/v2/silences',
    body: silence({ id: '5e7a9a2c-3a4b-4c5d-8e9f-0a1b2c3d4e5f' }),
    status: 404,
    mentions: 'silence not found',
  },
  {
    name: 'malformed silence JSON',
    method: 'POST',
    path: '/api/v2/silences',
    raw: '{"matchers":',
    status: 400,
    mentions: 'parsing silence body',
  },
  {
    name: 'expiring an unknown silence',
    method: 'DELETE',
    path: '/api/v2/silence/5e7a9a2c-3a4b-4c5d-8e9f-0a1b2c3d4e5f',
    status: 404,
    mentions: '',
  },
  {
    name: 'expiring a non-UUID id',
    method: 'DELETE',
    path: '/api/v2/silence/not-a-uuid',
    status: 422,
    mentions: 'silenceID',
  },
  {
    name: 'reading a non-UUID id',
    method: 'GET',
    path: '/api/v2/silence/not-a-uuid',
    status: 422,
    mentions: 'silenceID',
  },
  {
    name: 'a bad filter',
    method: 'GET',
    path: `/api/v2/alerts?filter=${encodeURIComponent('{foo')}`,
    status: 400,
    mentions: '{foo',
  },
  {
    name: 'a bad receiver regex',
    method: 'GET',
    path: '/api/v2/alerts?receiver=(',
    status: 400,
    mentions: 'receiver',
  },
];

describe('bad input to every write endpoint', () => {
  const prefix = uniquePrefix('ingest-bad-input');
  let redis: Redis;
  let ingest: RunningIngest;

  /** Every key under the prefix with its serialised value: what "nothing changed" compares. */
  async function snapshot(): Promise<Map<string, string>> {
    const keys = (await redis.keys(`${prefix}:*`)).sort();
    const out = new Map<string, string>();
    for (const key of keys)
      out.set(key, ((await redis.dumpBuffer(key)) ?? Buffer.alloc(0)).toString('base64'));
    return out;
  }

  beforeAll(async () => {
    redis = connectTestRedis();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tocsin-ingest-')), 'alertmanager.yml');
    writeFileSync(file, CONFIG);
    const flags = parseIngestFlags([
      `--config.file=${file}`,
      '--web.listen-address=127.0.0.1:0',
      `--redis.url=${testRedisUrl()}`,
      `--redis.prefix=${prefix}`,
      `--web.max-body-bytes=${MAX_BODY}`,
    ]);
    ingest = await startIngest(flags, pino({ level: 'silent' }));
    const seeded = await fetch(`${ingest.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ labels: { alertname: 'Seed' } }]),
    });
    expect(seeded.status).toBe(200);
    const silenced = await fetch(`${ingest.url}/api/v2/silences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(silence({})),
    });
    expect(silenced.status).toBe(200);
    // The comparison below is only meaningful if there is state to compare.
    expect((await snapshot()).size).toBeGreaterThan(3);
  });

  afterAll(async () => {
    await ingest?.close();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  it.each(cases)('answers $name with $status naming the problem, and changes nothing', async (c) => {
    const before = await snapshot();
    const res = await fetch(`${ingest.url}${c.path}`, {
      method: c.method,
      headers:
        c.body !== undefined || c.raw !== undefined
          ? { 'content-type': c.contentType ?? 'application/json' }
          : {},
      body: c.raw ?? (c.body === undefined ? undefined : JSON.stringify(c.body)),
    });
    const text = await res.text();
    expect(res.status).toBe(c.status);
    expect(text).toContain(c.mentions);
    expect(await snapshot()).toEqual(before);
  });

  it('stores the valid alerts of a mixed batch and answers 400 naming the invalid one', async () => {
    const res = await fetch(`${ingest.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ labels: { alertname: 'Good' } }, { labels: { alertname: '' } }]),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('at least one label pair required');
    const stored = (await (
      await fetch(`${ingest.url}/api/v2/alerts?filter=alertname="Good"`)
    ).json()) as unknown[];
    expect(stored).toHaveLength(1);
  });
});
