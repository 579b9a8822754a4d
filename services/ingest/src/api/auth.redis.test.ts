import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectTestRedis, deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '@tocsin/test-support';
import bcrypt from 'bcryptjs';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIngestFlags } from '../flags.js';
import { type RunningIngest, startIngest } from '../main.js';

// The Auth show test: ingest behind --web.config.file with TLS (a self-signed certificate made
// here) and basic auth. Every route but the health checks needs the password.
const dir = mkdtempSync(path.join(tmpdir(), 'tocsin-auth-'));
const PASSWORD = 'correct horse battery staple';
const HASH = bcrypt.hashSync(PASSWORD, 10);

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('ingest with --web.config.file (TLS and basic auth)', () => {
  const prefix = uniquePrefix('ingest-auth');
  let redis: Redis;
  let ingest: RunningIngest;
  let ca: string;
  let silenceId: string;
  const logLines: string[] = [];

  function call(method: string, urlPath: string, auth?: string, body?: unknown): Promise<Answer> {
    const url = new URL(ingest.url);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = {};
    if (auth) headers.authorization = `Basic ${Buffer.from(auth).toString('base64')}`;
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    return new Promise((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, method, path: urlPath, headers, ca, servername: '' },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => {
            text += d.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  beforeAll(async () => {
    redis = connectTestRedis();
    const cert = path.join(dir, 'ingest.crt');
    const key = path.join(dir, 'ingest.key');
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-keyout', key, '-out', cert],
        ...['-subj', '/CN=tocsin-test', '-addext', 'subjectAltName=IP:127.0.0.1'],
      ],
      { stdio: 'pipe' },
    );
    ca = readFileSync(cert, 'utf8');
    const webConfig = path.join(dir, 'web.yml');
    writeFileSync(
      webConfig,
      `tls_server_config:
  cert_file: ingest.crt
  key_file: ingest.key
basic_auth_users:
  admin: ${HASH}
`,
    );
    const config = path.join(dir, 'alertmanager.yml');
    writeFileSync(config, 'route:\n  receiver: default\nreceivers:\n  - name: default\n');
    ingest = await startIngest(
      parseIngestFlags([
        `--config.file=${config}`,
        '--web.listen-address=127.0.0.1:0',
        `--web.config.file=${webConfig}`,
        `--redis.url=${testRedisUrl()}`,
        `--redis.prefix=${prefix}`,
      ]),
      pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) }),
    );
    const made = await call('POST', '/api/v2/silences', `admin:${PASSWORD}`, {
      matchers: [{ name: 'alertname', value: 'Auth', isRegex: false }],
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      createdBy: 'test',
      comment: 'test',
    });
    expect(made.status).toBe(200);
    silenceId = (JSON.parse(made.body) as { silenceID: string }).silenceID;
  }, 60_000);

  afterAll(async () => {
    await ingest?.close();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  it('serves HTTPS on its URL', () => {
    expect(ingest.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  // Each route with what it answers once authenticated.
  const routes = (): [string, string, number, unknown?][] => [
    ['GET', '/api/v2/alerts', 200],
    ['POST', '/api/v2/alerts', 200, [{ labels: { alertname: 'Auth' } }]],
    ['GET', '/api/v2/alerts/groups', 200],
    ['GET', '/api/v2/silences', 200],
    ['GET', `/api/v2/silence/${silenceId}`, 200],
    ['GET', '/api/v2/status', 200],
    ['GET', '/api/v2/receivers', 200],
    ['GET', '/api/tocsin/v1/dead-letters', 200],
    ['GET', '/api/tocsin/v1/receivers', 200],
    ['GET', '/metrics', 200],
    ['POST', '/-/reload', 200],
    ['DELETE', `/api/v2/silence/${silenceId}`, 200],
  ];

  it('answers 401 with WWW-Authenticate: Basic on every protected route without credentials', async () => {
    for (const [method, urlPath, , body] of [
      ...routes(),
      ['GET', '/'] as const,
      ['GET', '/queues'] as const,
      ['GET', '/api/v2/nothing-here'] as const,
    ]) {
      const answer = await call(method, urlPath, undefined, body);
      expect(answer.status, `${method} ${urlPath}`).toBe(401);
      expect(answer.headers['www-authenticate']).toBe('Basic');
    }
  });

  it('answers 401 to a wrong password and an unknown user', async () => {
    for (const auth of ['admin:wrong', `nobody:${PASSWORD}`, 'admin:']) {
      expect((await call('GET', '/api/v2/alerts', auth)).status, auth).toBe(401);
    }
  });

  it('serves every route with the right credentials', async () => {
    for (const [method, urlPath, status, body] of routes()) {
      const answer = await call(method, urlPath, `admin:${PASSWORD}`, body);
      expect(answer.status, `${method} ${urlPath}: ${answer.body}`).toBe(status);
    }
  });

  it('serves the health checks without credentials', async () => {
    expect((await call('GET', '/-/healthy')).status).toBe(200);
    expect((await call('GET', '/-/ready')).status).toBe(200);
  });

  it('refuses a client that does not trust the certificate', async () => {
    await expect(
      new Promise((resolve, reject) => {
        const url = new URL(ingest.url);
        const req = request({ host: url.hostname, port: url.port, path: '/-/healthy' }, resolve);
        req.on('error', reject);
        req.end();
      }),
    ).rejects.toThrow(/self[- ]signed/i);
  });

  it('never logs, stores or serves the password or its hash', async () => {
    const keys = await redis.keys(`${prefix}:*`);
    for (const key of keys) {
      const dump = (await redis.dumpBuffer(key))?.toString('latin1') ?? '';
      expect(dump.includes(PASSWORD), key).toBe(false);
      expect(dump.includes(HASH), key).toBe(false);
    }
    const status = await call('GET', '/api/v2/status', `admin:${PASSWORD}`);
    const metrics = await call('GET', '/metrics', `admin:${PASSWORD}`);
    expect(logLines.some((line) => line.includes('Web config loaded'))).toBe(true);
    for (const text of [status.body, metrics.body, ...logLines]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(HASH);
    }
  });
});
