import { mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { connectTestRedis, deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '@tocsin/test-support';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIngestFlags } from '../flags.js';
import { type RunningIngest, startIngest } from '../main.js';

// Hostile input to every write endpoint of a real ingest on a real Redis: random and mutated
// bodies, content types and headers. Reproduce a failure with TOCSIN_FUZZ_SEED=<seed printed>.
const SEED = Number(process.env.TOCSIN_FUZZ_SEED ?? 20261126);
const CASES = Number(process.env.TOCSIN_FUZZ_CASES ?? 10_000);
// TOCSIN_FUZZ_ONLY=12,345 sends only those cases (of the same seed), to look at one failure.
const ONLY = process.env.TOCSIN_FUZZ_ONLY?.split(',').map(Number);
const CONCURRENCY = 8;
const hour = 3_600_000;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Rng = ReturnType<typeof prng>;

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '💥🔥',
  'ñ\u0301',
  '\u202e',
  'a'.repeat(2000),
  'é'.repeat(30_000),
  '{{ .Labels }}',
  '"; DROP TABLE alerts; --',
  '__proto__',
  'constructor',
  '$(reboot)',
  '../../etc/passwd',
  '9'.repeat(400),
  '2026-13-45T25:61:61Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  'http://[::1',
  '(a+)+$',
  '.*'.repeat(200),
];
const ODD_NUMBERS = [0, -0, 1, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, 5e-324, 2_147_483_648];

function randomString(r: Rng): string {
  if (r.chance(0.5)) return r.pick(ODD_STRINGS);
  let s = '';
  const n = r.int(20);
  for (let i = 0; i < n; i++) s += String.fromCodePoint(r.chance(0.8) ? 32 + r.int(95) : r.int(0x10ffff));
  return s;
}

function randomValue(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 3 ? 5 : 7)) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick(ODD_NUMBERS);
    case 3:
    case 4:
      return randomString(r);
    case 5:
      return Array.from({ length: r.int(4) }, () => randomValue(r, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: r.int(4) }, () => [randomString(r), randomValue(r, depth + 1)]),
      );
  }
}

const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const uuid = (r: Rng) =>
  'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => '0123456789abcdef'[r.int(16)] as string);

function validAlert(r: Rng): Record<string, unknown> {
  const alert: Record<string, unknown> = {
    labels: {
      alertname: `Fuzz${r.int(50)}`,
      instance: `host-${r.int(20)}`,
      severity: r.pick(['page', 'ticket']),
    },
    annotations: { summary: randomString(r) },
  };
  if (r.chance(0.5)) alert.startsAt = iso(-r.int(hour));
  if (r.chance(0.3)) alert.endsAt = iso(r.int(2 * hour) - hour / 2);
  if (r.chance(0.3)) alert.generatorURL = 'http://prometheus.example/graph';
  return alert;
}

function validSilence(r: Rng): Record<string, unknown> {
  const silence: Record<string, unknown> = {
    matchers: Array.from({ length: 1 + r.int(3) }, () => ({
      name: r.pick(['alertname', 'instance', 'severity']),
      value: r.pick(['Fuzz1', 'host-.*', '(a+)+$', 'page|ticket']),
      isRegex: r.chance(0.5),
      isEqual: r.chance(0.8),
    })),
    startsAt: iso(r.int(hour) - hour / 2),
    endsAt: iso(hour + r.int(hour)),
    createdBy: 'fuzz',
    comment: randomString(r),
  };
  // Only random ids: never one of the seeded silences, whose update would be a legitimate change.
  if (r.chance(0.2)) silence.id = uuid(r);
  return silence;
}

/** Replaces, removes or adds nodes anywhere in a JSON value. */
function mutate(r: Rng, value: unknown, depth = 0): unknown {
  if (r.chance(0.15)) {
    switch (r.int(5)) {
      case 0:
        return randomValue(r);
      case 1:
        return `${NEST}${r.int(3) === 0 ? 20_000 : 50}${r.chance(0.5) ? '[' : '{'}`;
      case 2:
        return r.pick(ODD_NUMBERS);
      case 3:
        return randomString(r);
      default:
        return Array.isArray(value) ? value : [value];
    }
  }
  if (Array.isArray(value)) {
    const out = value.map((v) => mutate(r, v, depth + 1));
    if (r.chance(0.05)) out.push(...Array.from({ length: 200 + r.int(200) }, () => out[0]));
    return out;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (r.chance(0.08)) continue;
      out[r.chance(0.05) ? randomString(r) : k] = mutate(r, v, depth + 1);
    }
    if (r.chance(0.1)) out[randomString(r)] = randomValue(r);
    if (r.chance(0.03)) for (let i = 0; i < 150; i++) out[`l${i}`] = 'x';
    return out;
  }
  return value;
}

// Deep nesting is spliced into the text: JSON.stringify itself would overflow the stack on it.
const NEST = 'fuzz-nest:';
function stringify(value: unknown): string {
  return JSON.stringify(value).replace(/"fuzz-nest:(\d+)([[{])"/g, (_m, n: string, open: string) => {
    const depth = Number(n);
    return open === '['
      ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
      : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  });
}

/** Text-level damage JSON.stringify cannot produce. */
function damage(r: Rng, text: string): string | Buffer {
  switch (r.int(10)) {
    case 0:
      return text.slice(0, r.int(text.length + 1));
    case 1: {
      const i = r.int(text.length + 1);
      return text.slice(0, i) + String.fromCharCode(r.int(128)) + text.slice(i);
    }
    case 2:
      return Buffer.concat([Buffer.from(text), Buffer.from([0xff, 0xfe, 0xc3, 0x28])]);
    case 3:
      return `\ufeff${text}`;
    case 4:
      return text.replace('{', '{"labels":{},"labels":"dup",');
    case 5:
      return '['.repeat(100_000 + r.int(10_000));
    case 6:
      return r.pick([
        '',
        ' ',
        'null',
        'true',
        '0',
        '""',
        '[]',
        '{}',
        '[null]',
        '[[]]',
        '{"__proto__":{"x":1}}',
      ]);
    default:
      return text;
  }
}

interface Case {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

function makeCase(r: Rng, seededSilences: ReadonlySet<string>): Case {
  const kind = r.next();
  const headers: Record<string, string> = {};
  const contentType = r.chance(0.75)
    ? 'application/json'
    : r.pick([
        'application/json; charset=utf-8',
        'application/json; charset=latin1',
        'application/json; charset=nope',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/*',
        '',
        'garbage/;;;',
      ]);
  if (contentType) headers['content-type'] = contentType;
  if (r.chance(0.1)) headers.accept = r.pick(['text/html', '*/*;q=abc', '']);
  if (r.chance(0.05)) headers['x-forwarded-for'] = randomString(r).replace(/[^\x20-\x7e]/g, '');
  let body: string | Buffer | undefined;
  let method = 'POST';
  let urlPath: string;
  if (kind < 0.5) {
    urlPath = '/api/v2/alerts';
    const alerts = Array.from({ length: 1 + r.int(5) }, () => validAlert(r));
    body = stringify(r.chance(0.15) ? alerts : r.chance(0.8) ? mutate(r, alerts) : randomValue(r));
  } else if (kind < 0.78) {
    urlPath = '/api/v2/silences';
    const silence = validSilence(r);
    body = stringify(r.chance(0.1) ? silence : r.chance(0.9) ? mutate(r, silence) : randomValue(r));
  } else if (kind < 0.93) {
    method = 'DELETE';
    let id = r.pick([uuid(r), uuid(r).toUpperCase(), randomString(r), '%ZZ', '%00', 'x'.repeat(5000)]);
    if (seededSilences.has(id.toLowerCase())) id = uuid(r);
    urlPath = `/api/v2/silence/${encodeURIComponentLoose(r, id)}`;
    if (r.chance(0.3)) body = JSON.stringify(randomValue(r));
  } else if (kind < 0.94) {
    // Reload takes no input: whatever is sent, it reloads the file on disk, which the test keeps.
    urlPath = '/-/reload';
    if (r.chance(0.5)) body = JSON.stringify(randomValue(r));
  } else {
    method = r.pick(['GET', 'PUT', 'PATCH', 'POST']);
    urlPath = r.pick([
      `/api/v2/alerts?filter=${enc(randomString(r))}`,
      `/api/v2/silences?filter=${enc(`a=~"${randomString(r)}"`)}`,
      '/api/v2/alerts?receiver=((a*)*)*b',
      '/api/v2/alerts/groups?active=maybe',
      '/api/v2/status',
      '/api/v2/silence/',
      '/api/v2/../../etc/passwd',
    ]);
    if (method !== 'GET') body = JSON.stringify(randomValue(r));
  }
  if (typeof body === 'string' && r.chance(0.25)) body = damage(r, body);
  if (body !== undefined && r.chance(0.03)) {
    headers['content-encoding'] = r.pick(['gzip', 'deflate', 'br', 'identity', 'x-nope']);
    if (headers['content-encoding'] === 'gzip' && r.chance(0.5)) body = gzipSync(body);
  }
  return { method, path: urlPath, headers, body };
}

/** Mostly encoded, sometimes raw (so the server sees bad escapes and reserved characters). */
function encodeURIComponentLoose(r: Rng, text: string): string {
  if (r.chance(0.3)) return text.replace(/[^\x21-\x7e]/g, '').replace(/[/?#]/g, '') || 'x';
  return enc(text);
}

/** encodeURIComponent, with lone surrogates (which it refuses) made U+FFFD. */
const enc = (text: string) => encodeURIComponent(text.replace(/[\ud800-\udfff]/gu, '\ufffd'));

function send(base: URL, agent: Agent, c: Case): Promise<number> {
  // A body always has a Content-Length: without one, a DELETE's body would be read as the next request.
  const headers =
    c.body === undefined ? c.headers : { ...c.headers, 'content-length': String(Buffer.byteLength(c.body)) };
  return new Promise((resolve, reject) => {
    const req = request(
      { host: base.hostname, port: base.port, method: c.method, path: c.path, headers, agent },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', reject);
    req.end(c.body);
  });
}

const CONFIG = `route:
  receiver: default
receivers:
  - name: default
`;

describe('fuzzing the write endpoints', () => {
  const prefix = uniquePrefix('ingest-fuzz');
  let redis: Redis;
  let ingest: RunningIngest;

  beforeAll(async () => {
    redis = connectTestRedis();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tocsin-fuzz-')), 'alertmanager.yml');
    writeFileSync(file, CONFIG);
    const flags = parseIngestFlags([
      `--config.file=${file}`,
      '--web.listen-address=127.0.0.1:0',
      `--redis.url=${testRedisUrl()}`,
      `--redis.prefix=${prefix}`,
      // Small enough that the fuzz meets it, large enough for the nesting bombs below it.
      '--web.max-body-bytes=262144',
    ]);
    ingest = await startIngest(flags, pino({ level: 'silent' }));
  });

  afterAll(async () => {
    await ingest?.close();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  it(`answers ${CASES} hostile requests without a 5xx, stays up, and leaves earlier data alone`, async () => {
    const post = (p: string, body: unknown) =>
      fetch(`${ingest.url}${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    // Data from before the fuzz, with a label the fuzz never produces.
    const seedAlerts = [
      { labels: { alertname: 'Seed', fuzz_seed: '1' }, annotations: { summary: 'kept' } },
      { labels: { alertname: 'Seed', fuzz_seed: '2' }, endsAt: iso(2 * hour) },
    ];
    expect((await post('/api/v2/alerts', seedAlerts)).status).toBe(200);
    const seeded = new Set<string>();
    for (const value of ['1', '2']) {
      const res = await post('/api/v2/silences', {
        matchers: [{ name: 'fuzz_seed', value, isRegex: false }],
        startsAt: iso(0),
        endsAt: iso(4 * hour),
        createdBy: 'seed',
        comment: 'kept',
      });
      expect(res.status).toBe(200);
      seeded.add(((await res.json()) as { silenceID: string }).silenceID);
    }
    const before = await readSeeded(ingest.url, seeded);
    const configBefore = await configOriginal(ingest.url);
    expect(before.alerts).toHaveLength(2);

    const r = prng(SEED);
    const cases = Array.from({ length: CASES }, () => makeCase(r, seeded));
    const base = new URL(ingest.url);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const order = ONLY ?? cases.map((_, i) => i);
    let nextCase = 0;
    const worker = async () => {
      for (;;) {
        const i = order[nextCase++];
        const c = i === undefined ? undefined : cases[i];
        if (i === undefined || !c) return;
        let outcome: string | number;
        try {
          outcome = await send(base, agent, c);
        } catch (err) {
          outcome = (err as Error).message;
        }
        if (typeof outcome === 'number') statuses.set(outcome, (statuses.get(outcome) ?? 0) + 1);
        // Node answers a request head over 16 KiB with 431 and closes the connection at once,
        // so the client may see the close before the answer: not a failure of the service.
        const headTooLarge = c.path.length > 16_000 && typeof outcome !== 'number';
        if (!headTooLarge && (typeof outcome !== 'number' || outcome >= 500)) {
          const body = c.body === undefined ? '' : String(c.body).slice(0, 200);
          failures.push(
            `case ${i} (seed ${SEED}): ${c.method} ${c.path.slice(0, 100)} ${JSON.stringify(c.headers)} ${JSON.stringify(body)} -> ${outcome}`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    agent.destroy();
    console.log(
      `fuzz seed ${SEED}: ${CASES} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
    expect(failures.slice(0, 20)).toEqual([]);

    // Still up and still working.
    expect((await fetch(`${ingest.url}/-/healthy`)).status).toBe(200);
    expect((await post('/api/v2/alerts', [{ labels: { alertname: 'After' } }])).status).toBe(200);
    // What existed before is as it was.
    expect(await readSeeded(ingest.url, seeded)).toEqual(before);
    // The fuzzed reloads re-read the same file: the config in force is the one from before.
    expect(await configOriginal(ingest.url)).toBe(configBefore);
    // Both sides of the fuzz did reach the store: it was not all rejected at the door.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(CASES / 20);
    expect([...statuses.keys()].filter((s) => s >= 400 && s < 500).length).toBeGreaterThan(3);
  }, 240_000);
});

async function configOriginal(url: string): Promise<string> {
  const status = (await (await fetch(`${url}/api/v2/status`)).json()) as { config: { original: string } };
  return status.config.original;
}

/** The seeded alerts' stored fields and the seeded silences, as the API returns them. */
async function readSeeded(url: string, silenceIds: ReadonlySet<string>) {
  const res = await fetch(`${url}/api/v2/alerts?filter=${encodeURIComponent('fuzz_seed=~".+"')}`);
  const alerts = ((await res.json()) as Record<string, unknown>[])
    .map(({ labels, annotations, startsAt, endsAt, generatorURL, fingerprint, updatedAt }) => ({
      labels,
      annotations,
      startsAt,
      endsAt,
      generatorURL,
      fingerprint,
      updatedAt,
    }))
    .sort((a, b) => String(a.fingerprint).localeCompare(String(b.fingerprint)));
  const silences = [];
  for (const id of [...silenceIds].sort())
    silences.push(await (await fetch(`${url}/api/v2/silence/${id}`)).json());
  return { alerts, silences };
}
