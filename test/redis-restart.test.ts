import type { ChildProcess } from 'node:child_process';
import { readFleetStatus } from '@tocsin/coordinator';
import { type RedisServer, startRedisServer, uniquePrefix, waitFor } from '@tocsin/test-support';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertPoster, notifiedIds, type Sink, sleep, type TestAlert } from './alert-poster.js';
import { freePort, serviceArgs, startSink, startTocsin, stopAll, writeConfig } from './stack.js';

const BATCH = 10;
const CLIENTS = 4;

/**
 * A dedicated redis-server with AOF fsynced on every write is killed (SIGKILL) while alerts
 * stream in, stays down for a few seconds, and starts again on the same port and data dir.
 */
describe('Redis killed and restarted mid-run', () => {
  const prefix = uniquePrefix('redis-restart');
  const children: (ChildProcess & { output: string[] })[] = [];
  let server: RedisServer;
  let sink: Sink;
  let base: string;

  beforeAll(async () => {
    server = await startRedisServer(['--appendonly', 'yes', '--appendfsync', 'always']);
    sink = await startSink();
    // One group per batch: every batch is notified at its own group_wait, whenever it lands.
    const config = writeConfig(`route:
  receiver: sink
  group_by: [batch]
  group_wait: 1s
  group_interval: 5m
  repeat_interval: 4h
receivers:
  - name: sink
    webhook_configs:
      - url: ${sink.url}/${prefix}
`);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // info level: the resubscribe reloads are logged at info.
    const extra = [`--redis.url=${server.url}`, '--log.level=info'];
    children.push(
      startTocsin(
        serviceArgs('ingest', config, prefix, [...extra, `--web.listen-address=127.0.0.1:${port}`]),
      ),
      startTocsin(serviceArgs('dispatcher', config, prefix, extra)),
      startTocsin(serviceArgs('notifier', config, prefix, [...extra, '--integration=webhook'])),
    );
    const redis = new Redis(server.url);
    await waitFor(async () => (await readFleetStatus(redis, prefix)).length === 3, {
      timeoutMs: 30_000,
      what: 'three services joined',
    });
    redis.disconnect();
    await waitFor(async () => (await fetch(`${base}/-/ready`)).ok, {
      timeoutMs: 30_000,
      what: 'ingest ready',
    });
  });

  afterAll(async () => {
    await stopAll(children);
    await sink?.close();
    await server?.destroy();
  });

  it('answers 503 while Redis is down, then carries on; every alert acknowledged with 200 is notified', async () => {
    const poster = new AlertPoster(base);
    let next = 0;
    let stopAt = Date.now() + 16_000;
    const client = async () => {
      while (Date.now() < stopAt) {
        const b = next++;
        const alerts: TestAlert[] = Array.from({ length: BATCH }, (_, i) => ({
          labels: { alertname: 'RedisRestart', batch: `b${b}`, id: `b${b}-${i}` },
        }));
        await poster.post(alerts);
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);

    await sleep(4000);
    const acceptedBeforeKill = poster.accepted.size;
    await server.stop('SIGKILL');
    const killedAt = Date.now();
    // While Redis is down: health stays 200, readiness and the API answer 503 promptly.
    const probes: { healthy: number; ready: number; post: number; postMs: number }[] = [];
    await sleep(1000);
    while (Date.now() - killedAt < 5000) {
      const started = Date.now();
      const post = await fetch(`${base}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ labels: { alertname: 'Probe' } }]),
        signal: AbortSignal.timeout(20_000),
      });
      const postMs = Date.now() - started;
      const healthy = (await fetch(`${base}/-/healthy`)).status;
      const ready = (await fetch(`${base}/-/ready`)).status;
      probes.push({ healthy, ready, post: post.status, postMs });
      await sleep(500);
    }
    await server.start();
    const restartedAt = Date.now();
    stopAt = Math.max(stopAt, restartedAt + 5000);
    await Promise.all(clients);

    const counts = poster.statusCounts();
    console.log(
      `redis restart: ${poster.accepted.size} alerts accepted (${acceptedBeforeKill} before the kill), ` +
        `answers ${JSON.stringify(counts)}, slowest answer ${Math.max(...poster.attempts.map((a) => a.ms))} ms, ` +
        `down ${restartedAt - killedAt} ms, probes while down ${JSON.stringify(probes)}`,
    );
    expect(probes.length).toBeGreaterThan(3);
    for (const p of probes) {
      expect(p).toMatchObject({ healthy: 200, ready: 503, post: 503 });
      // Not a speed assertion: a request must not wait for Redis to come back.
      expect(p.postMs).toBeLessThan(3000);
    }
    // The clients saw only 200s and 503s: no 500, no dropped connection, no crash.
    expect(Object.keys(counts).sort()).toEqual(['200', '503']);
    // No request hung until Redis came back (the command timeout is 5 s).
    for (const a of poster.attempts) expect(a.ms).toBeLessThan(15_000);
    expect(poster.accepted.size).toBeGreaterThan(acceptedBeforeKill);

    const mine = () => sink.received.filter((r) => r.path === `/${prefix}`);
    await waitFor(
      () => {
        const ids = notifiedIds(mine());
        return [...poster.accepted].every((id) => ids.has(id));
      },
      { timeoutMs: 60_000, intervalMs: 200, what: 'every accepted alert notified' },
    ).catch((err) => {
      const ids = notifiedIds(mine());
      const missing = [...poster.accepted].filter((id) => !ids.has(id));
      throw new Error(`${(err as Error).message}; ${missing.length} missing, e.g. ${missing.slice(0, 5)}`);
    });

    for (const child of children) expect(child.exitCode).toBeNull();
    // Each service reloaded its config once on resubscribe (the hash records when), and ingest
    // and the dispatcher reloaded their silences once.
    const redis = new Redis(server.url);
    const reports = await readFleetStatus(redis, prefix);
    redis.disconnect();
    expect(reports).toHaveLength(3);
    for (const r of reports) expect(Date.parse(r.at)).toBeGreaterThanOrEqual(restartedAt - 1000);
    const count = (child: { output: string[] }, pattern: RegExp) =>
      child.output
        .join('')
        .split('\n')
        .filter((line) => pattern.test(line)).length;
    for (const child of children) expect(count(child, /"reason":"resubscribe"/)).toBe(1);
    const [ingest, dispatcher] = children as [(typeof children)[0], (typeof children)[0]];
    expect(count(ingest, /Silences resubscribed, reloading/)).toBe(1);
    expect(count(dispatcher, /Silences resubscribed, reloading/)).toBe(1);
  });
});
