import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { type RedisServer, startRedisServer, waitFor } from '@tocsin/test-support';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, repoRoot, startSink, stopAll, writeConfig } from './stack.js';

// Redis credentials and TLS through --redis.url alone: a redis-server of the test's own that
// wants a password, reached only through a TLS front (Debian's redis-server is built without
// TLS, so the test terminates TLS itself and pipes the bytes to it); ingest, dispatcher and notifier (whose BullMQ workers and
// subscribers open their own connections) carry one alert to a webhook. The password must not
// show in their logs, their command lines, or anything they write to Redis.
const BIN = path.join(repoRoot, 'packages/cli/bin/tocsin.js');
const PASSWORD = 'tls-redis-pa55-7f3e';
const dir = mkdtempSync(path.join(tmpdir(), 'tocsin-redis-tls-'));
const cert = path.join(dir, 'redis.crt');
const key = path.join(dir, 'redis.key');

describe('Redis over TLS with a password, from --redis.url', () => {
  let redis: RedisServer;
  let front: TlsServer;
  let port: number;
  let admin: Redis;
  const children: (ChildProcess & { output: string[] })[] = [];
  const prefix = `t-redis-tls-${process.pid}`;

  beforeAll(async () => {
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-keyout', key, '-out', cert],
        ...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      ],
      { stdio: 'pipe' },
    );
    redis = await startRedisServer();
    admin = new Redis(redis.url);
    await admin.config('SET', 'requirepass', PASSWORD);
    await admin.auth(PASSWORD);
    front = createTlsServer({ cert: readFileSync(cert), key: readFileSync(key) }, (socket) => {
      const upstream = connect(redis.port, '127.0.0.1');
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    port = (front.address() as { port: number }).port;
  });

  afterAll(async () => {
    await stopAll(children);
    admin?.disconnect();
    front?.close();
    await redis?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers an alert end to end, and the password shows nowhere', async () => {
    const sink = await startSink();
    try {
      const config = writeConfig(`route:
  receiver: sink
  group_wait: 100ms
  group_interval: 1s
receivers:
  - name: sink
    webhook_configs:
      - url: ${sink.url}/hook
`);
      const ingestPort = await freePort();
      // The URL goes by environment, as tocsin start passes it; Node trusts the test's CA file.
      const env = {
        ...process.env,
        TOCSIN_REDIS_URL: `rediss://default:${PASSWORD}@127.0.0.1:${port}`,
        NODE_EXTRA_CA_CERTS: cert,
      };
      const common = [`--config.file=${config}`, `--redis.prefix=${prefix}`, '--log.level=info'];
      for (const args of [
        ['ingest', ...common, `--web.listen-address=127.0.0.1:${ingestPort}`],
        ['dispatcher', ...common],
        ['notifier', '--integration=webhook', ...common],
      ]) {
        const child = spawn(process.execPath, [BIN, ...args], {
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        }) as ChildProcess & { output: string[] };
        child.output = [];
        child.stdout?.on('data', (d: Buffer) => child.output.push(d.toString()));
        child.stderr?.on('data', (d: Buffer) => child.output.push(d.toString()));
        children.push(child);
      }
      const ingest = `http://127.0.0.1:${ingestPort}`;
      await waitFor(
        () =>
          fetch(`${ingest}/-/ready`).then(
            (r) => r.status === 200,
            () => false,
          ),
        { timeoutMs: 60_000, what: `ingest ready: ${children.map((c) => c.output.join('')).join('\n')}` },
      );
      const posted = await fetch(`${ingest}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ labels: { alertname: 'OverTls' } }]),
      });
      expect(posted.status).toBe(200);
      await waitFor(() => sink.received.length > 0, { timeoutMs: 60_000, what: 'the webhook notification' });
      const body = sink.received[0]?.body as { alerts: { labels: Record<string, string> }[] };
      expect(body.alerts[0]?.labels.alertname).toBe('OverTls');

      for (const child of children) {
        expect(child.output.join('')).not.toContain(PASSWORD);
        expect(child.spawnargs.join(' ')).not.toContain(PASSWORD);
      }
      // Job data, alerts, groups, notification log: nothing under the prefix holds the password.
      const keys = await admin.keys(`${prefix}:*`);
      expect(keys.length).toBeGreaterThan(5);
      for (const k of keys) {
        const dump = (await admin.dumpBuffer(k))?.toString('latin1') ?? '';
        expect(dump.includes(PASSWORD), k).toBe(false);
      }
    } finally {
      await sink.close();
    }
  });
});
