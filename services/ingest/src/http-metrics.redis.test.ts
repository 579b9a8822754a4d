import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectTestRedis, deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '@tocsin/test-support';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIngestFlags } from './flags.js';
import { type RunningIngest, startIngest } from './main.js';
import { VERSION_INFO } from './version.js';

/** The value of one series in Prometheus text, e.g. `x_count{handler="/a",method="get"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("ingest /metrics: Alertmanager's HTTP histograms and build info", () => {
  const prefix = uniquePrefix('ingest-http-metrics');
  const dir = mkdtempSync(path.join(tmpdir(), 'tocsin-http-metrics-'));
  const config = path.join(dir, 'alertmanager.yml');
  let ingest: RunningIngest;

  beforeAll(async () => {
    writeFileSync(config, 'route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n');
    // Under a route prefix: handler labels leave it out, as Alertmanager's do.
    ingest = await startIngest(
      parseIngestFlags([
        `--config.file=${config}`,
        `--redis.url=${testRedisUrl()}`,
        `--redis.prefix=${prefix}`,
        '--web.listen-address=127.0.0.1:0',
        '--web.route-prefix=/am',
      ]),
      pino({ level: 'silent' }),
    );
  }, 60_000);

  afterAll(async () => {
    await ingest?.close();
    const redis = connectTestRedis();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  it('labels requests by route template and lower-case method, never by silence id', async () => {
    expect(ingest.url).toMatch(/\/am$/);
    const post = await fetch(`${ingest.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ labels: { alertname: 'Measured' } }]),
    });
    expect(post.status).toBe(200);
    for (const id of ['0f0e5e8a-7f43-4c4b-9a59-1c2f4d6b8e01', '6a1c3b7e-2d4f-4e5a-8b9c-0d1e2f3a4b5c']) {
      const res = await fetch(`${ingest.url}/api/v2/silence/${id}`);
      expect(res.status).toBe(404);
    }
    const healthy = await fetch(`${ingest.url}/-/healthy`);
    expect(healthy.status).toBe(200);
    const healthyBytes = (await healthy.arrayBuffer()).byteLength;
    // A 415 is answered before the route: still counted under the route's name.
    const wrongType = await fetch(`${ingest.url}/api/v2/alerts`, { method: 'POST', body: 'x' });
    expect(wrongType.status).toBe(415);

    const text = await (await fetch(`${ingest.url}/metrics`)).text();
    const duration = (handler: string, method: string) =>
      sample(
        text,
        `alertmanager_http_request_duration_seconds_count{handler="${handler}",method="${method}"}`,
      );
    expect(duration('/api/v2/alerts', 'post')).toBe(2);
    expect(duration('/api/v2/silence/{silenceID}', 'get')).toBe(2);
    expect(duration('/-/healthy', 'get')).toBe(1);
    expect(text).not.toContain('0f0e5e8a');
    expect(text).not.toMatch(/handler="\/am/);
    expect(
      sample(
        text,
        'alertmanager_http_request_duration_seconds_bucket{le="60",handler="/api/v2/alerts",method="post"}',
      ),
    ).toBe(2);
    // Response sizes: the lifecycle routes, not the API v2 (Alertmanager measures only its latency).
    expect(
      sample(text, 'alertmanager_http_response_size_bytes_count{handler="/-/healthy",method="get"}'),
    ).toBe(1);
    expect(sample(text, 'alertmanager_http_response_size_bytes_sum{handler="/-/healthy",method="get"}')).toBe(
      healthyBytes,
    );
    expect(text).not.toMatch(/alertmanager_http_response_size_bytes_count\{handler="\/api\/v2/);

    const info = `alertmanager_build_info{version="${VERSION_INFO.version}",revision="${VERSION_INFO.revision}",branch="${VERSION_INFO.branch}",goversion="node${process.versions.node}"}`;
    expect(sample(text, info)).toBe(1);
  });
});
